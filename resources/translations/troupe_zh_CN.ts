<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>About</name>
    <message>
        <location filename="../../studio/ui/help_dialogs.py" line="40" />
        <source>A studio for AI-voiced short dramas, audio dramas and voice-overs: write, cast, render and export episodes.</source>
        <translation>一个为 AI 配音短剧、广播剧和旁白打造的工作室：写剧本、选角、生成并导出每一集。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/help_dialogs.py" line="41" />
        <source>Licence: GNU General Public License, version 3 or later (GPL-3.0-or-later).</source>
        <translation>许可证：GNU 通用公共许可证第 3 版或更高版本（GPL-3.0-or-later）。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/help_dialogs.py" line="42" />
        <source>The offline voice engine uses espeak-ng (GPL-3) and the Kokoro-82M weights (Apache-2.0).</source>
        <translation>离线语音引擎使用 espeak-ng（GPL-3）和 Kokoro-82M 模型权重（Apache-2.0）。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/help_dialogs.py" line="45" />
        <source>About Troupe</source>
        <translation>关于 Troupe</translation>
    </message>
</context>
<context>
    <name>CastModel</name>
    <message>
        <location filename="../../studio/ui/cast_model.py" line="46" />
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_model.py" line="46" />
        <source>Voice</source>
        <translation>声音</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_model.py" line="46" />
        <source>Lines</source>
        <translation>台词数</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_model.py" line="46" />
        <source>Speed</source>
        <translation>语速</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_model.py" line="46" />
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_model.py" line="47" />
        <source>Pitch</source>
        <translation>音高</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_model.py" line="47" />
        <source>Volume</source>
        <translation>音量</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_model.py" line="47" />
        <source>Effect</source>
        <translation>效果</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_model.py" line="49" />
        <source>female</source>
        <translation>女</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_model.py" line="49" />
        <source>male</source>
        <translation>男</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_model.py" line="49" />
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_model.py" line="109" />
        <source>(auto-cast)</source>
        <translation>（自动选角）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_model.py" line="172" />
        <source>No %1 voice yet; rendering casts one automatically.</source>
        <translation>还没有 %1 声音；生成时会自动选角。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_model.py" line="174" />
        <source>The engine's default; type a value to give this role its own.</source>
        <translation>引擎默认值；输入数值即为该角色单独设置。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_model.py" line="190" />
        <source>Rename role</source>
        <translation>重命名角色</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_model.py" line="196" />
        <source>Change gender</source>
        <translation>修改性别</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_model.py" line="216" />
        <source>Change default delivery</source>
        <translation>修改默认语气</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_model.py" line="218" />
        <source>“%1” is not a number.</source>
        <translation>“%1”不是数字。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_model.py" line="232" />
        <source>Change voice effect</source>
        <translation>修改声音效果</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_model.py" line="242" />
        <source>Cast voice</source>
        <translation>分配声音</translation>
    </message>
</context>
<context>
    <name>CastPanel</name>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="86" />
        <source>Cast</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="116" />
        <source>Colour…</source>
        <translation>颜色…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="117" />
        <source>Merge into…</source>
        <translation>合并到…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="119" />
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="118" />
        <source>Show lines</source>
        <translation>显示台词</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="115" />
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="131" />
        <source>Voice effect</source>
        <translation>声音效果</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="136" />
        <source>More</source>
        <translation>更多</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="164" />
        <source>(auto-cast)</source>
        <translation>（自动选角）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="170" />
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="210" />
        <source>Add role</source>
        <translation>添加角色</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="219" />
        <source>Merge “%1” into “%2”</source>
        <translation>把“%1”合并到“%2”</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="226" />
        <source>Delete role</source>
        <translation>删除角色</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="231" />
        <source>Change role colour</source>
        <translation>修改角色颜色</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="236" />
        <source>Select a role in the Cast panel first.</source>
        <translation>请先在“角色”面板中选择一个角色。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="239" />
        <source>%1 now speaks with %2.</source>
        <translation>%1 现在使用 %2 配音。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="186" />
        <location filename="../../studio/ui/cast_panel.py" line="253" />
        <source>Select a role first.</source>
        <translation>请先选择一个角色。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="255" />
        <source>Role colour</source>
        <translation>角色颜色</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="262" />
        <source>Select the role to merge (the alias) first.</source>
        <translation>请先选择要合并的角色（别名）。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="268" />
        <source>Merge roles</source>
        <translation>合并角色</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="269" />
        <source>Give the lines of “%1” to:</source>
        <translation>把“%1”的台词交给：</translation>
    </message>
</context>
<context>
    <name>Effects</name>
    <message>
        <location filename="../../studio/ui/script_model.py" line="71" />
        <source>telephone</source>
        <extracomment>Columns a new window hides (the header's menu shows them).</extracomment>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="72" />
        <source>radio</source>
        <translation>收音机</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="73" />
        <source>echo</source>
        <translation>回声</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="74" />
        <source>hall</source>
        <translation>大厅</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="75" />
        <source>robot</source>
        <translation>机器人</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="76" />
        <source>no effect</source>
        <translation>无效果</translation>
    </message>
</context>
<context>
    <name>EpisodesPanel</name>
    <message>
        <location filename="../../studio/ui/episodes_panel.py" line="39" />
        <source>Episodes</source>
        <extracomment>A title that is nothing but an episode label ("Episode 3", "第三集") is not repeated after the number.</extracomment>
        <translation>剧集</translation>
    </message>
    <message>
        <location filename="../../studio/ui/episodes_panel.py" line="90" />
        <source>No episode yet: use Episode ▸ New episode or File ▸ Import script.</source>
        <translation>还没有剧集：请使用“剧集 ▸ 新建一集”或“文件 ▸ 导入剧本”。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/episodes_panel.py" line="94" />
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <location filename="../../studio/ui/episodes_panel.py" line="94" />
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <location filename="../../studio/ui/episodes_panel.py" line="97" />
        <source>Episode %1  (%3)</source>
        <translation>第 %1 集  （%3）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/episodes_panel.py" line="99" />
        <source>Episode %1: %2  (%3)</source>
        <translation>第 %1 集：%2（%3）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/episodes_panel.py" line="109" />
        <source>Episode %1</source>
        <translation>第 %1 集</translation>
    </message>
    <message>
        <location filename="../../studio/ui/episodes_panel.py" line="110" />
        <source>New episode</source>
        <translation>新建一集</translation>
    </message>
    <message>
        <location filename="../../studio/ui/episodes_panel.py" line="121" />
        <location filename="../../studio/ui/episodes_panel.py" line="131" />
        <source>Rename episode</source>
        <translation>重命名本集</translation>
    </message>
    <message>
        <location filename="../../studio/ui/episodes_panel.py" line="121" />
        <source>Title:</source>
        <translation>标题：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/episodes_panel.py" line="139" />
        <source>%1 (copy)</source>
        <translation>%1（副本）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/episodes_panel.py" line="140" />
        <source>Duplicate episode</source>
        <translation>复制本集</translation>
    </message>
    <message>
        <location filename="../../studio/ui/episodes_panel.py" line="148" />
        <source>Delete episode</source>
        <translation>删除本集</translation>
    </message>
    <message>
        <location filename="../../studio/ui/episodes_panel.py" line="158" />
        <source>Move episode</source>
        <translation>移动剧集</translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <location filename="../../studio/ui/file_actions.py" line="73" />
        <source>New project</source>
        <translation>新建项目</translation>
    </message>
    <message>
        <location filename="../../studio/ui/file_actions.py" line="74" />
        <location filename="../../studio/ui/file_actions.py" line="81" />
        <location filename="../../studio/ui/file_actions.py" line="131" />
        <source>Troupe projects (*.troupe)</source>
        <translation>Troupe 项目 (*.troupe)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/file_actions.py" line="80" />
        <source>Open project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <location filename="../../studio/ui/file_actions.py" line="90" />
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/file_actions.py" line="100" />
        <location filename="../../studio/ui/file_actions.py" line="115" />
        <location filename="../../studio/ui/file_actions.py" line="118" />
        <source>Import script</source>
        <translation>导入剧本</translation>
    </message>
    <message>
        <location filename="../../studio/ui/file_actions.py" line="101" />
        <source>Scripts (%1);;All files (*)</source>
        <translation>剧本 (%1);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/file_actions.py" line="110" />
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/file_actions.py" line="123" />
        <source>Imported %1 lines as “%2”.</source>
        <translation>已导入 %1 行，成为“%2”。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/file_actions.py" line="130" />
        <source>Save a copy as</source>
        <translation>另存副本</translation>
    </message>
    <message>
        <location filename="../../studio/ui/file_actions.py" line="141" />
        <source>Saved a copy as %1.</source>
        <translation>已另存副本：%1。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/file_actions.py" line="154" />
        <location filename="../../studio/ui/file_actions.py" line="168" />
        <source>Export episode</source>
        <translation>导出本集</translation>
    </message>
    <message>
        <location filename="../../studio/ui/file_actions.py" line="155" />
        <source>Audio (*.wav *.flac *.mp3 *.m4a *.opus)</source>
        <translation>音频 (*.wav *.flac *.mp3 *.m4a *.opus)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/file_actions.py" line="169" />
        <source>%1 of %2 lines are not rendered yet. Render them first, or export without them (they are left out of the audio and the subtitles)?</source>
        <translation>%2 行中有 %1 行尚未生成。先生成这些行，还是不含它们直接导出（音频和字幕中都会缺少这些行）？</translation>
    </message>
    <message>
        <location filename="../../studio/ui/file_actions.py" line="172" />
        <source>Render first</source>
        <translation>先生成</translation>
    </message>
    <message>
        <location filename="../../studio/ui/file_actions.py" line="173" />
        <source>Export without them</source>
        <translation>不含它们直接导出</translation>
    </message>
    <message>
        <location filename="../../studio/ui/file_actions.py" line="195" />
        <source>Some lines could not be rendered; nothing was exported. See their Status.</source>
        <translation>部分台词未能生成，未导出任何内容。请查看它们的状态。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/file_actions.py" line="200" />
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/file_actions.py" line="207" />
        <source>Export failed: %1</source>
        <translation>导出失败：%1</translation>
    </message>
    <message>
        <location filename="../../studio/ui/file_actions.py" line="209" />
        <source>Exported %1 (%2 s).</source>
        <translation>已导出 %1（%2 秒）。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/file_actions.py" line="212" />
        <source>%1 unrendered line(s) left out, as chosen.</source>
        <translation>按您的选择，未包含 %1 行未生成的台词。</translation>
    </message>
</context>
<context>
    <name>FindReplaceDialog</name>
    <message>
        <location filename="../../studio/ui/find_replace.py" line="36" />
        <source>Find and replace</source>
        <translation>查找和替换</translation>
    </message>
    <message>
        <location filename="../../studio/ui/find_replace.py" line="44" />
        <source>Match case</source>
        <translation>区分大小写</translation>
    </message>
    <message>
        <location filename="../../studio/ui/find_replace.py" line="46" />
        <source>Find:</source>
        <translation>查找：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/find_replace.py" line="47" />
        <source>Replace with:</source>
        <translation>替换为：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/find_replace.py" line="50" />
        <source>Find next</source>
        <translation>查找下一个</translation>
    </message>
    <message>
        <location filename="../../studio/ui/find_replace.py" line="50" />
        <location filename="../../studio/ui/find_replace.py" line="98" />
        <source>Replace</source>
        <translation>替换</translation>
    </message>
    <message>
        <location filename="../../studio/ui/find_replace.py" line="51" />
        <source>Replace all</source>
        <translation>全部替换</translation>
    </message>
    <message>
        <location filename="../../studio/ui/find_replace.py" line="51" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../studio/ui/find_replace.py" line="88" />
        <source>“%1” was not found.</source>
        <translation>没有找到“%1”。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/find_replace.py" line="115" />
        <source>Replace in %1 lines</source>
        <translation>在 %1 行中替换</translation>
    </message>
    <message>
        <location filename="../../studio/ui/find_replace.py" line="116" />
        <source>Replaced in %1 line(s).</source>
        <translation>已在 %1 行中替换。</translation>
    </message>
</context>
<context>
    <name>LineEdits</name>
    <message>
        <location filename="../../studio/ui/line_edits.py" line="82" />
        <source>Insert line</source>
        <translation>插入台词</translation>
    </message>
    <message>
        <location filename="../../studio/ui/line_edits.py" line="94" />
        <source>Delete %1 line(s)</source>
        <translation>删除 %1 行</translation>
    </message>
    <message>
        <location filename="../../studio/ui/line_edits.py" line="98" />
        <source>Undo (Ctrl+Z) brings them back.</source>
        <translation>撤销（Ctrl+Z）可恢复。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/line_edits.py" line="110" />
        <source>Move lines</source>
        <translation>移动台词</translation>
    </message>
    <message>
        <location filename="../../studio/ui/line_edits.py" line="123" />
        <source>Copied %1 line(s).</source>
        <translation>已复制 %1 行。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/line_edits.py" line="143" />
        <source>Paste %1 line(s)</source>
        <translation>粘贴 %1 行</translation>
    </message>
    <message>
        <location filename="../../studio/ui/line_edits.py" line="183" />
        <source>(as the role)</source>
        <translation>（同角色）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/line_edits.py" line="188" />
        <source>(engine decides)</source>
        <translation>（由引擎决定）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/line_edits.py" line="197" />
        <location filename="../../studio/ui/line_edits.py" line="200" />
        <source>(no take)</source>
        <translation>（无音频）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/line_edits.py" line="201" />
        <source>newest</source>
        <translation>最新</translation>
    </message>
    <message>
        <location filename="../../studio/ui/line_edits.py" line="203" />
        <source>take %1 (%2 s)</source>
        <translation>版本 %1（%2 秒）</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../studio/ui/main_window.py" line="126" />
        <source>Show role:</source>
        <extracomment>set by the composition root: asked to quit the app when the window is closed</extracomment>
        <translation>显示角色：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="129" />
        <source>Filter by role</source>
        <translation>按角色筛选</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="143" />
        <source>Episodes</source>
        <translation>剧集</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="146" />
        <source>Cast</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="148" />
        <source>Voice library</source>
        <translation>声音库</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="284" />
        <source>Render every line of this episode again with MiniMax? That is %1 characters, about %2. The takes you have are kept.</source>
        <translation>用 MiniMax 重新生成本集的所有台词？共 %1 个字符，约 %2。已有的录音会保留。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="383" />
        <source>Something went wrong (%1): %2. The project is safe; details are in the log.</source>
        <translation>出错了（%1）：%2。项目安全无损，详情见日志。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="153" />
        <location filename="../../studio/ui/main_window.py" line="154" />
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="407" />
        <location filename="../../studio/ui/window_menus.py" line="101" />
        <source>Play the episode from the selected line (Space)</source>
        <translation>从选中行开始播放本集（空格）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="240" />
        <source>Episode deleted. Undo (Ctrl+Z) brings it back.</source>
        <translation>已删除本集。撤销（Ctrl+Z）可恢复。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="313" />
        <source>All roles</source>
        <translation>全部角色</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="264" />
        <source>Select the lines to render first.</source>
        <translation>请先选择要生成的台词。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="372" />
        <source>Edit the cell</source>
        <translation>编辑单元格</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="372" />
        <source>New line inside a text</source>
        <translation>在台词内换行</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="283" />
        <source>Render all lines</source>
        <translation>生成全部台词</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="55" />
        <source>&amp;New project…</source>
        <translation>新建项目(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="56" />
        <source>&amp;Open project…</source>
        <translation>打开项目(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="57" />
        <source>&amp;Import script…</source>
        <translation>导入剧本(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="58" />
        <source>Add a script file as a new episode</source>
        <translation>把剧本文件添加为新的一集</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="59" />
        <source>&amp;Export episode…</source>
        <translation>导出本集(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="60" />
        <source>Export the episode as audio with subtitles</source>
        <translation>把本集导出为音频和字幕</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="61" />
        <source>Save a &amp;copy as…</source>
        <translation>另存副本(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="62" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="64" />
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="67" />
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="71" />
        <source>Cu&amp;t lines</source>
        <translation>剪切台词(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="72" />
        <source>&amp;Copy lines</source>
        <translation>复制台词(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="73" />
        <source>&amp;Paste lines</source>
        <translation>粘贴台词(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="74" />
        <source>Insert line &amp;above</source>
        <translation>在上方插入台词(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="76" />
        <source>Insert line &amp;below</source>
        <translation>在下方插入台词(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="78" />
        <source>&amp;Delete lines</source>
        <translation>删除台词(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="79" />
        <source>Move &amp;up</source>
        <translation>上移(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="80" />
        <source>Move do&amp;wn</source>
        <translation>下移(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="81" />
        <source>&amp;Find and replace…</source>
        <translation>查找和替换(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="83" />
        <source>&amp;New episode</source>
        <translation>新建一集(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="84" />
        <source>&amp;Rename episode…</source>
        <translation>重命名本集(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="85" />
        <source>&amp;Duplicate episode</source>
        <translation>复制本集(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="86" />
        <source>D&amp;elete episode</source>
        <translation>删除本集(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="87" />
        <source>Move episode &amp;up</source>
        <translation>剧集上移(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="88" />
        <source>Move episode do&amp;wn</source>
        <translation>剧集下移(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="90" />
        <source>Render &amp;selected</source>
        <translation>生成选中行(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="91" />
        <source>Render the selected lines (Ctrl+Enter)</source>
        <translation>生成选中的台词（Ctrl+Enter）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="92" />
        <source>Render a &amp;new take of the selection</source>
        <translation>为选中行生成新版本(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="94" />
        <source>Render s&amp;tale lines</source>
        <translation>生成待更新的台词(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="95" />
        <source>Render every line that is out of date</source>
        <translation>生成所有过期的台词</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="96" />
        <source>Render &amp;all lines</source>
        <translation>生成全部台词(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="97" />
        <source>&amp;Cancel rendering</source>
        <translation>取消生成(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="98" />
        <source>Stop rendering; finished lines are kept</source>
        <translation>停止生成；已完成的台词会保留</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="100" />
        <source>&amp;Play from selected line</source>
        <translation>从选中行播放(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="102" />
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="103" />
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="114" />
        <source>&amp;About Troupe</source>
        <translation>关于 Troupe(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="115" />
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="120" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="122" />
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="129" />
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="136" />
        <source>Set &amp;role of selection</source>
        <translation>设置选中行的角色(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="138" />
        <source>Set e&amp;motion of selection</source>
        <translation>设置选中行的情绪(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="140" />
        <source>Set voice e&amp;ffect of selection</source>
        <translation>设置选中行的声音效果(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="145" />
        <source>E&amp;pisode</source>
        <translation>剧集(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="149" />
        <source>&amp;Render</source>
        <translation>生成(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="153" />
        <source>Pla&amp;yback</source>
        <translation>播放(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="155" />
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="157" />
        <source>Speech &amp;engine</source>
        <translation>语音引擎(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="162" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="167" />
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
</context>
<context>
    <name>PlaybackController</name>
    <message>
        <location filename="../../studio/ui/episode_audio.py" line="164" />
        <source>Playback is not available in this installation.</source>
        <translation>此安装不支持播放。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/episode_audio.py" line="165" />
        <source>No audio output device was found.</source>
        <translation>没有找到音频输出设备。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/episode_audio.py" line="178" />
        <source>Nothing to play yet: render some lines first.</source>
        <translation>还没有可播放的内容：请先生成一些台词。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/episode_audio.py" line="185" />
        <source>That line has not been rendered yet; it is silent in playback.</source>
        <translation>这一行尚未生成，播放时为静音。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/episode_audio.py" line="187" />
        <source>Mixing the episode…</source>
        <translation>正在混音…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/episode_audio.py" line="194" />
        <source>Could not mix the episode: %1</source>
        <translation>无法混音本集：%1</translation>
    </message>
</context>
<context>
    <name>RenderController</name>
    <message>
        <location filename="../../studio/ui/render_controller.py" line="87" />
        <source>Cannot render: %1</source>
        <translation>无法生成：%1</translation>
    </message>
    <message>
        <location filename="../../studio/ui/render_controller.py" line="103" />
        <source>Auto-cast missing voices: %1</source>
        <translation>已为缺少声音的角色自动选角：%1</translation>
    </message>
    <message>
        <location filename="../../studio/ui/render_controller.py" line="106" />
        <source>%1 line(s) cannot be rendered; see their Status tooltip.</source>
        <translation>%1 行无法生成；请查看其“状态”提示。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/render_controller.py" line="109" />
        <source>Nothing to render: every line is up to date.</source>
        <translation>无需生成：每一行都是最新的。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/render_controller.py" line="125" />
        <source>Rendered %1, reused %2</source>
        <translation>已生成 %1 行，复用 %2 行</translation>
    </message>
    <message>
        <location filename="../../studio/ui/render_controller.py" line="128" />
        <source>%1 failed (see the Status column)</source>
        <translation>%1 条失败（见“状态”列）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/render_controller.py" line="130" />
        <source>%1 cancelled</source>
        <translation>%1 条已取消</translation>
    </message>
    <message>
        <location filename="../../studio/ui/render_controller.py" line="132" />
        <source>%1 cannot be rendered</source>
        <translation>%1 条无法生成</translation>
    </message>
    <message>
        <location filename="../../studio/ui/render_controller.py" line="181" />
        <source>Rendering cancelled; finished lines are kept.</source>
        <translation>已取消生成；已完成的台词会保留。</translation>
    </message>
</context>
<context>
    <name>RoleDelegate</name>
    <message>
        <location filename="../../studio/ui/delegates.py" line="43" />
        <source>(no role)</source>
        <translation>（无角色）</translation>
    </message>
</context>
<context>
    <name>RoleDialog</name>
    <message>
        <location filename="../../studio/ui/role_dialog.py" line="22" />
        <source>Add role</source>
        <translation>添加角色</translation>
    </message>
    <message>
        <location filename="../../studio/ui/role_dialog.py" line="32" />
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../../studio/ui/role_dialog.py" line="33" />
        <source>female</source>
        <translation>女</translation>
    </message>
    <message>
        <location filename="../../studio/ui/role_dialog.py" line="34" />
        <source>male</source>
        <translation>男</translation>
    </message>
    <message>
        <location filename="../../studio/ui/role_dialog.py" line="44" />
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/role_dialog.py" line="45" />
        <source>Gender:</source>
        <translation>性别：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/role_dialog.py" line="55" />
        <source>There is already a role called “%1”.</source>
        <translation>已经有一个叫“%1”的角色。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/role_dialog.py" line="57" />
        <source>The gender helps auto-casting choose a fitting voice.</source>
        <translation>性别帮助自动选角挑选合适的声音。</translation>
    </message>
</context>
<context>
    <name>ScriptModel</name>
    <message>
        <location filename="../../studio/ui/script_model.py" line="101" />
        <source>Inherited from the role; type a value to override it, clear it to inherit again.</source>
        <extracomment>rows an edit of (row, column) applies to; the window answers "the whole selection"</extracomment>
        <translation>继承自角色；输入数值可覆盖，清空则重新继承。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="102" />
        <source>stale</source>
        <translation>待生成</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="102" />
        <source>queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="103" />
        <source>rendering</source>
        <translation>生成中</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="103" />
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="103" />
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="104" />
        <source>no text</source>
        <translation>无文本</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="105" />
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="105" />
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="105" />
        <source>Text</source>
        <translation>台词</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="105" />
        <source>Chars</source>
        <translation>字数</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="105" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="106" />
        <source>Emotion</source>
        <translation>情绪</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="106" />
        <source>Speed</source>
        <translation>语速</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="106" />
        <source>Pitch</source>
        <translation>音高</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="106" />
        <source>Volume</source>
        <translation>音量</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="106" />
        <source>Gap</source>
        <translation>间隔</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="106" />
        <source>Effect</source>
        <translation>效果</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="107" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="107" />
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="107" />
        <source>Take</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="109" />
        <source>happy</source>
        <translation>开心</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="109" />
        <source>sad</source>
        <translation>悲伤</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="109" />
        <source>angry</source>
        <translation>愤怒</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="110" />
        <source>fearful</source>
        <translation>害怕</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="110" />
        <source>disgusted</source>
        <translation>厌恶</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="110" />
        <source>surprised</source>
        <translation>惊讶</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="111" />
        <source>calm</source>
        <translation>平静</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="111" />
        <source>fluent</source>
        <translation>流畅</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="111" />
        <source>whisper</source>
        <translation>耳语</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="184" />
        <location filename="../../studio/ui/script_model.py" line="296" />
        <source>take %1</source>
        <translation>版本 %1</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="344" />
        <source>Trace id: %1</source>
        <translation>追踪 ID：%1</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="348" />
        <source>Note: %1</source>
        <translation>备注：%1</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="413" />
        <source>“%1” is not a number.</source>
        <translation>“%1”不是数字。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="420" />
        <source>role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="420" />
        <source>text</source>
        <translation>台词</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="420" />
        <source>emotion</source>
        <translation>情绪</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="420" />
        <source>note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="421" />
        <source>effect</source>
        <translation>效果</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="422" />
        <source>speed</source>
        <translation>语速</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="422" />
        <source>pitch</source>
        <translation>音高</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="422" />
        <source>volume</source>
        <translation>音量</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="422" />
        <source>gap</source>
        <translation>间隔</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="423" />
        <source>take</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="425" />
        <source>Edit %1</source>
        <translation>编辑%1</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="426" />
        <source>Edit %1 of %2 lines</source>
        <translation>编辑 %2 行的%1</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="431" />
        <source>Edit delivery</source>
        <translation>编辑语气</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="464" />
        <source>Move lines</source>
        <translation>移动台词</translation>
    </message>
</context>
<context>
    <name>ScriptView</name>
    <message>
        <location filename="../../studio/ui/script_view.py" line="31" />
        <source>Script</source>
        <translation>剧本</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="45" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="52" />
        <source>Kokoro (offline, natural)</source>
        <translation>Kokoro（离线，自然）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="53" />
        <source>eSpeak (offline, fast draft)</source>
        <translation>eSpeak（离线，快速草稿）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="54" />
        <source>MiniMax (online)</source>
        <translation>MiniMax（在线）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="61" />
        <source>Forget the saved key</source>
        <translation>删除已保存的密钥</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="69" />
        <source>Global (%1)</source>
        <translation>国际（%1）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="70" />
        <source>Mainland China (%1)</source>
        <translation>中国大陆（%1）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="112" />
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="117" />
        <source>Speech engine</source>
        <translation>语音引擎</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="119" />
        <source>Engine:</source>
        <translation>引擎：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="120" />
        <source>MiniMax</source>
        <translation>MiniMax</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="125" />
        <source>API key:</source>
        <translation>API 密钥：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="126" />
        <source>Region:</source>
        <translation>区域：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="127" />
        <source>Model:</source>
        <translation>模型：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="128" />
        <source>Requests per minute:</source>
        <translation>每分钟请求数：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="129" />
        <source>Characters per minute:</source>
        <translation>每分钟字符数：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="130" />
        <source>Audio</source>
        <translation>音频</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="132" />
        <source>Export format:</source>
        <translation>导出格式：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="133" />
        <source>Sample rate:</source>
        <translation>采样率：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="134" />
        <source>Default gap:</source>
        <translation>默认间隔：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="135" />
        <source>Loudness target:</source>
        <translation>响度目标：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="136" />
        <source>Interface</source>
        <translation>界面</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="138" />
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="151" />
        <source>A key is saved in the system keyring; leave empty to keep it</source>
        <translation>系统钥匙串中已保存密钥；留空则继续使用</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="153" />
        <source>MINIMAX_API_KEY is set in the environment and is used</source>
        <translation>环境变量 MINIMAX_API_KEY 已设置，正在使用</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="155" />
        <source>No key yet: paste your MiniMax API key</source>
        <translation>尚无密钥：请粘贴您的 MiniMax API 密钥</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="185" />
        <source>MiniMax key saved in the system keyring.</source>
        <translation>MiniMax 密钥已保存到系统钥匙串。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="218" />
        <source>The new language is used from the next start.</source>
        <translation>新语言将在下次启动时生效。</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../studio/ui/help_dialogs.py" line="57" />
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location filename="../../studio/ui/help_dialogs.py" line="65" />
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../studio/ui/help_dialogs.py" line="65" />
        <source>Keys</source>
        <translation>按键</translation>
    </message>
</context>
<context>
    <name>StatusLine</name>
    <message>
        <location filename="../../studio/ui/status_line.py" line="60" />
        <source>%1 stale</source>
        <translation>%1 行待生成</translation>
    </message>
    <message>
        <location filename="../../studio/ui/status_line.py" line="61" />
        <source>%1 done, %2 stale, %3 failed</source>
        <translation>%1 行完成，%2 行待更新，%3 行失败</translation>
    </message>
    <message>
        <location filename="../../studio/ui/status_line.py" line="66" />
        <source>%1 chars (selection %2)</source>
        <translation>%1 字（选中 %2）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/status_line.py" line="69" />
        <source>to render ≈ %1</source>
        <translation>生成约需 %1</translation>
    </message>
    <message>
        <location filename="../../studio/ui/status_line.py" line="71" />
        <source>free (offline)</source>
        <translation>免费（离线）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/status_line.py" line="78" />
        <source>not available</source>
        <translation>不可用</translation>
    </message>
    <message>
        <location filename="../../studio/ui/status_line.py" line="82" />
        <source>online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../../studio/ui/status_line.py" line="82" />
        <source>no API key</source>
        <translation>未设置 API 密钥</translation>
    </message>
    <message>
        <location filename="../../studio/ui/status_line.py" line="86" />
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../../studio/ui/status_line.py" line="87" />
        <source>Runs on this computer; no network needed.</source>
        <translation>在本机运行，无需联网。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/status_line.py" line="96" />
        <source>Rendering %v / %m</source>
        <translation>生成中 %v / %m</translation>
    </message>
</context>
<context>
    <name>Studio</name>
    <message>
        <location filename="../../studio/app.py" line="159" />
        <source>%1 is already open in another Troupe window or command. Close it there first, or save a copy and open the copy.</source>
        <translation>%1 已在另一个 Troupe 窗口或命令中打开。请先在那里关闭它，或另存一份副本并打开副本。</translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <location filename="../../studio/ui/timeline.py" line="75" />
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <location filename="../../studio/ui/timeline.py" line="96" />
        <source>Timeline scroll</source>
        <extracomment>While True, ``set_playhead`` scrolls so the playhead stays in view.</extracomment>
        <translation>时间线滚动条</translation>
    </message>
    <message>
        <location filename="../../studio/ui/timeline.py" line="99" />
        <source>Timeline lanes scroll</source>
        <translation>时间线轨道滚动条</translation>
    </message>
    <message>
        <location filename="../../studio/ui/timeline.py" line="311" />
        <location filename="../../studio/ui/timeline.py" line="445" />
        <source>No role</source>
        <translation>无角色</translation>
    </message>
    <message>
        <location filename="../../studio/ui/timeline.py" line="315" />
        <source>{seconds} s</source>
        <translation>{seconds} 秒</translation>
    </message>
    <message>
        <location filename="../../studio/ui/timeline.py" line="317" />
        <source>Changed since its last take: not rendered yet (estimated {length})</source>
        <translation>上次生成后已修改：尚未生成（预计 {length}）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/timeline.py" line="318" />
        <source>Waiting to be rendered (estimated {length})</source>
        <translation>等待生成（预计 {length}）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/timeline.py" line="319" />
        <source>Rendering now (estimated {length})</source>
        <translation>正在生成（预计 {length}）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/timeline.py" line="320" />
        <source>Rendering failed; render it again (estimated {length})</source>
        <translation>生成失败，请重新生成（预计 {length}）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/timeline.py" line="322" />
        <source>Not rendered yet (estimated {length})</source>
        <translation>尚未生成（预计 {length}）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/timeline.py" line="328" />
        <source>No clips</source>
        <translation>没有片段</translation>
    </message>
    <message>
        <location filename="../../studio/ui/timeline.py" line="330" />
        <source>{clips} clips in {lanes} lanes, {length} long</source>
        <translation>{lanes} 条轨道共 {clips} 个片段，时长 {length}</translation>
    </message>
    <message>
        <location filename="../../studio/ui/timeline.py" line="334" />
        <source>, {count} not rendered yet</source>
        <translation>，{count} 个尚未生成</translation>
    </message>
    <message>
        <location filename="../../studio/ui/timeline.py" line="445" />
        <source>No takes yet. Rendered lines appear here.</source>
        <translation>还没有录音。生成的台词会显示在这里。</translation>
    </message>
</context>
<context>
    <name>VoiceCatalog</name>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="108" />
        <source>Could not list the voices of %1: %2</source>
        <translation>无法列出 %1 的声音：%2</translation>
    </message>
</context>
<context>
    <name>VoiceLibrary</name>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="179" />
        <source>Voice library</source>
        <translation>声音库</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="191" />
        <source>Search voices</source>
        <translation>搜索声音</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="205" />
        <source>Preview</source>
        <translation>试听</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="208" />
        <source>Use for role</source>
        <translation>分配给角色</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="210" />
        <source>Cast the selected voice for the role selected in the Cast panel</source>
        <translation>把选中的声音分配给“角色”面板中选中的角色</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="229" />
        <source>Synthesizes a sample; it cannot be heard: %1</source>
        <translation>会合成试听样本，但无法播放：%1</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="259" />
        <source>Select a voice to preview.</source>
        <translation>请选择要试听的声音。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="267" />
        <source>No speech engine is available.</source>
        <translation>没有可用的语音引擎。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="272" />
        <source>Synthesizing a preview…</source>
        <translation>正在合成试听…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="285" />
        <source>Preview failed: %1</source>
        <translation>试听失败：%1</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="295" />
        <source>Preview ready (%1 s) but it cannot be played: %2</source>
        <translation>试听已生成（%1 秒），但无法播放：%2</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="297" />
        <source>no audio output.</source>
        <translation>没有音频输出。</translation>
    </message>
</context>
<context>
    <name>VoiceListModel</name>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="124" />
        <source>Voice</source>
        <translation>声音</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="124" />
        <source>Id</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="124" />
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="124" />
        <source>Age</source>
        <translation>年龄</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="124" />
        <source>About</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="125" />
        <source>female</source>
        <translation>女</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="125" />
        <source>male</source>
        <translation>男</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="125" />
        <source>child</source>
        <translation>儿童</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="126" />
        <source>young</source>
        <translation>青年</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="126" />
        <source>adult</source>
        <translation>成年</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="126" />
        <source>old</source>
        <translation>老年</translation>
    </message>
</context>
</TS>