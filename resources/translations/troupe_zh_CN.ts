<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>CastModel</name>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="59" />
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="59" />
        <source>Voice</source>
        <translation>声音</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="59" />
        <source>Lines</source>
        <translation>台词数</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="59" />
        <source>Speed</source>
        <translation>语速</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="59" />
        <source>Pitch</source>
        <translation>音高</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="60" />
        <source>Volume</source>
        <translation>音量</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="118" />
        <source>(auto-cast)</source>
        <translation>（自动选角）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="143" />
        <source>No %1 voice yet; rendering casts one automatically.</source>
        <translation>还没有 %1 声音；生成时会自动选角。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="159" />
        <source>Rename role</source>
        <translation>重命名角色</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="175" />
        <source>Change default delivery</source>
        <translation>修改默认语气</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="177" />
        <source>“%1” is not a number.</source>
        <translation>“%1”不是数字。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="195" />
        <source>Cast voice</source>
        <translation>分配声音</translation>
    </message>
</context>
<context>
    <name>CastPanel</name>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="231" />
        <source>Cast</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="250" />
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="251" />
        <source>Colour…</source>
        <translation>颜色…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="252" />
        <source>Merge into…</source>
        <translation>合并到…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="253" />
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="254" />
        <source>Show lines</source>
        <translation>显示台词</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="281" />
        <location filename="../../studio/ui/cast_panel.py" line="315" />
        <source>Add role</source>
        <translation>添加角色</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="290" />
        <source>Merge “%1” into “%2”</source>
        <translation>把“%1”合并到“%2”</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="297" />
        <source>Delete role</source>
        <translation>删除角色</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="302" />
        <source>Change role colour</source>
        <translation>修改角色颜色</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="307" />
        <source>Select a role in the Cast panel first.</source>
        <translation>请先在“角色”面板中选择一个角色。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="310" />
        <source>%1 now speaks with %2.</source>
        <translation>%1 现在使用 %2 配音。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="315" />
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="323" />
        <source>Role colour</source>
        <translation>角色颜色</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="330" />
        <source>Select the role to merge (the alias) first.</source>
        <translation>请先选择要合并的角色（别名）。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="336" />
        <source>Merge roles</source>
        <translation>合并角色</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="337" />
        <source>Give the lines of “%1” to:</source>
        <translation>把“%1”的台词交给：</translation>
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
    <name>MainWindow</name>
    <message>
        <location filename="../../studio/ui/main_window.py" line="130" />
        <source>Show role:</source>
        <translation>显示角色：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="133" />
        <source>Filter by role</source>
        <translation>按角色筛选</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="148" />
        <location filename="../../studio/ui/main_window.py" line="149" />
        <source>Episodes</source>
        <translation>剧集</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="152" />
        <source>Cast</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="154" />
        <source>Voice library</source>
        <translation>声音库</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="162" />
        <source>The timeline is not available in this installation.</source>
        <translation>此安装不支持时间线。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="166" />
        <location filename="../../studio/ui/main_window.py" line="167" />
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="197" />
        <source>&amp;New project…</source>
        <translation>新建项目(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="198" />
        <source>&amp;Open project…</source>
        <translation>打开项目(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="199" />
        <source>&amp;Import script…</source>
        <translation>导入剧本(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="200" />
        <source>Add a script file as a new episode</source>
        <translation>把剧本文件添加为新的一集</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="201" />
        <source>&amp;Export episode…</source>
        <translation>导出本集(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="202" />
        <source>Export the episode as audio with subtitles</source>
        <translation>把本集导出为音频和字幕</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="203" />
        <source>Save a &amp;copy as…</source>
        <translation>另存副本(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="204" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="206" />
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="209" />
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="214" />
        <source>Cu&amp;t lines</source>
        <translation>剪切台词(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="215" />
        <source>&amp;Copy lines</source>
        <translation>复制台词(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="216" />
        <source>&amp;Paste lines</source>
        <translation>粘贴台词(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="217" />
        <source>Insert line &amp;above</source>
        <translation>在上方插入台词(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="219" />
        <source>Insert line &amp;below</source>
        <translation>在下方插入台词(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="221" />
        <source>&amp;Delete lines</source>
        <translation>删除台词(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="222" />
        <source>Move &amp;up</source>
        <translation>上移(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="223" />
        <source>Move do&amp;wn</source>
        <translation>下移(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="225" />
        <source>&amp;Find and replace…</source>
        <translation>查找和替换(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="228" />
        <source>&amp;New episode</source>
        <translation>新建一集(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="229" />
        <source>&amp;Rename episode…</source>
        <translation>重命名本集(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="230" />
        <source>&amp;Duplicate episode</source>
        <translation>复制本集(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="231" />
        <source>D&amp;elete episode</source>
        <translation>删除本集(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="232" />
        <source>Move episode &amp;up</source>
        <translation>剧集上移(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="233" />
        <source>Move episode do&amp;wn</source>
        <translation>剧集下移(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="236" />
        <source>Render &amp;selected</source>
        <translation>生成选中行(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="238" />
        <source>Render the selected lines (Ctrl+Enter)</source>
        <translation>生成选中的台词（Ctrl+Enter）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="239" />
        <source>Render a &amp;new take of the selection</source>
        <translation>为选中行生成新版本(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="241" />
        <source>Render s&amp;tale lines</source>
        <translation>生成待更新的台词(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="242" />
        <source>Render every line that is out of date</source>
        <translation>生成所有过期的台词</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="243" />
        <source>Render &amp;all lines</source>
        <translation>生成全部台词(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="244" />
        <source>&amp;Cancel rendering</source>
        <translation>取消生成(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="245" />
        <source>Stop rendering; finished lines are kept</source>
        <translation>停止生成；已完成的台词会保留</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="247" />
        <source>&amp;Play from selected line</source>
        <translation>从选中行播放(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="248" />
        <location filename="../../studio/ui/main_window.py" line="939" />
        <source>Play the episode from the selected line (Space)</source>
        <translation>从选中行开始播放本集（空格）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="249" />
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="250" />
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="261" />
        <source>&amp;About Troupe</source>
        <translation>关于 Troupe(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="262" />
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="266" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="268" />
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="275" />
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="283" />
        <source>Set &amp;role of selection</source>
        <translation>设置选中行的角色(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="285" />
        <source>Set e&amp;motion of selection</source>
        <translation>设置选中行的情绪(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="289" />
        <source>E&amp;pisode</source>
        <translation>剧集(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="293" />
        <source>&amp;Render</source>
        <translation>生成(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="298" />
        <source>Pla&amp;yback</source>
        <translation>播放(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="300" />
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="302" />
        <source>Speech &amp;engine</source>
        <translation>语音引擎(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="307" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="311" />
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="418" />
        <source>No episode yet: use Episode ▸ New episode or File ▸ Import script.</source>
        <translation>还没有剧集：请使用“剧集 ▸ 新建一集”或“文件 ▸ 导入剧本”。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="422" />
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="422" />
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="423" />
        <source>Episode %1: %2  (%3)</source>
        <translation>第 %1 集：%2（%3）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="429" />
        <source>Episode %1</source>
        <translation>第 %1 集</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="430" />
        <source>New episode</source>
        <translation>新建一集</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="439" />
        <location filename="../../studio/ui/main_window.py" line="449" />
        <source>Rename episode</source>
        <translation>重命名本集</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="439" />
        <source>Title:</source>
        <translation>标题：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="457" />
        <source>%1 (copy)</source>
        <translation>%1（副本）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="458" />
        <source>Duplicate episode</source>
        <translation>复制本集</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="466" />
        <source>Delete episode</source>
        <translation>删除本集</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="467" />
        <source>Episode deleted. Undo (Ctrl+Z) brings it back.</source>
        <translation>已删除本集。撤销（Ctrl+Z）可恢复。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="477" />
        <source>Move episode</source>
        <translation>移动剧集</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="528" />
        <source>Insert line</source>
        <translation>插入台词</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="540" />
        <source>Delete %1 line(s)</source>
        <translation>删除 %1 行</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="545" />
        <source>Undo (Ctrl+Z) brings them back.</source>
        <translation>撤销（Ctrl+Z）可恢复。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="557" />
        <location filename="../../studio/ui/main_window.py" line="877" />
        <source>Move lines</source>
        <translation>移动台词</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="570" />
        <source>Copied %1 line(s).</source>
        <translation>已复制 %1 行。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="589" />
        <source>Paste %1 line(s)</source>
        <translation>粘贴 %1 行</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="594" />
        <location filename="../../studio/ui/main_window.py" line="785" />
        <source>Add role</source>
        <translation>添加角色</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="630" />
        <source>(engine decides)</source>
        <translation>（由引擎决定）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="639" />
        <location filename="../../studio/ui/main_window.py" line="642" />
        <source>(no take)</source>
        <translation>（无音频）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="643" />
        <source>newest</source>
        <translation>最新</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="645" />
        <source>take %1 (%2 s)</source>
        <translation>版本 %1（%2 秒）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="657" />
        <source>All roles</source>
        <translation>全部角色</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="695" />
        <source>Select the lines to render first.</source>
        <translation>请先选择要生成的台词。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="711" />
        <source>Rendering %v / %m</source>
        <translation>生成中 %v / %m</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="741" />
        <source>New project</source>
        <translation>新建项目</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="742" />
        <location filename="../../studio/ui/main_window.py" line="748" />
        <location filename="../../studio/ui/main_window.py" line="802" />
        <source>Troupe projects (*.troupe)</source>
        <translation>Troupe 项目 (*.troupe)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="747" />
        <source>Open project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="756" />
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="764" />
        <location filename="../../studio/ui/main_window.py" line="777" />
        <location filename="../../studio/ui/main_window.py" line="780" />
        <source>Import script</source>
        <translation>导入剧本</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="765" />
        <source>Scripts (*.txt *.csv *.tsv *.xlsx *.json *.md);;All files (*)</source>
        <translation>剧本 (*.txt *.csv *.tsv *.xlsx *.json *.md);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="796" />
        <source>Imported %1 lines as “%2”.</source>
        <translation>已导入 %1 行，成为“%2”。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="801" />
        <source>Save a copy as</source>
        <translation>另存副本</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="812" />
        <source>Saved a copy as %1.</source>
        <translation>已另存副本：%1。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="820" />
        <source>Export episode</source>
        <translation>导出本集</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="821" />
        <source>Audio (*.wav *.flac *.mp3 *.m4a *.opus)</source>
        <translation>音频 (*.wav *.flac *.mp3 *.m4a *.opus)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="832" />
        <source>Export is not available in this installation (%1).</source>
        <translation>此安装不支持导出（%1）。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="836" />
        <source>Nothing to export yet: render the episode first (Ctrl+R).</source>
        <translation>还没有可导出的内容：请先生成本集（Ctrl+R）。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="838" />
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="843" />
        <source>Export failed: %1</source>
        <translation>导出失败：%1</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="846" />
        <source>Exported %1 (%2 s).</source>
        <translation>已导出 %1（%2 秒）。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="849" />
        <source>%1 unrendered line(s) were left out.</source>
        <translation>有 %1 行尚未生成，未包含在导出中。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="870" />
        <source>About Troupe</source>
        <translation>关于 Troupe</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="871" />
        <source>Troupe — a studio for AI-voiced short dramas.
Write, cast, render and export episodes.</source>
        <translation>Troupe——AI 配音短剧工作室。
编写、选角、生成并导出剧集。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="875" />
        <source>Edit the cell</source>
        <translation>编辑单元格</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="875" />
        <source>New line inside a text</source>
        <translation>在台词内换行</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="876" />
        <source>Render the selection</source>
        <translation>生成选中行</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="876" />
        <source>Play from the line</source>
        <translation>从该行播放</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="877" />
        <source>Delete lines</source>
        <translation>删除台词</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="878" />
        <source>Undo / redo</source>
        <translation>撤销 / 重做</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="878" />
        <source>Find and replace</source>
        <translation>查找和替换</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="879" />
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="899" />
        <source>not available</source>
        <translation>不可用</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="904" />
        <source>online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="904" />
        <source>no API key</source>
        <translation>未设置 API 密钥</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="907" />
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="908" />
        <source>Runs on this computer; no network needed.</source>
        <translation>在本机运行，无需联网。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="914" />
        <source>%1 stale</source>
        <translation>%1 行待生成</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="917" />
        <source>%1 chars (selection %2)</source>
        <translation>%1 字（选中 %2）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="920" />
        <source>to render ≈ $%1</source>
        <translation>待生成约 $%1</translation>
    </message>
    <message>
        <source>Render all lines</source>
        <translation>生成全部台词</translation>
    </message>
    <message>
        <source>Render every line of this episode again with MiniMax? That is %1 characters, about $%2. The takes you have are kept.</source>
        <translation>用 MiniMax 重新生成本集的全部台词？共 %1 字，约 $%2。已有的版本会保留。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="922" />
        <source>free (offline)</source>
        <translation>免费（离线）</translation>
    </message>
</context>
<context>
    <name>PlaybackController</name>
    <message>
        <location filename="../../studio/ui/episode_audio.py" line="209" />
        <source>Playback is not available in this installation.</source>
        <translation>此安装不支持播放。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/episode_audio.py" line="210" />
        <source>No audio output device was found.</source>
        <translation>没有找到音频输出设备。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/episode_audio.py" line="226" />
        <source>Nothing to play yet: render some lines first.</source>
        <translation>还没有可播放的内容：请先生成一些台词。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/episode_audio.py" line="232" />
        <source>That line has not been rendered yet; playing from the next one.</source>
        <translation>该行尚未生成；从下一行开始播放。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/episode_audio.py" line="235" />
        <source>Mixing the episode…</source>
        <translation>正在混音…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/episode_audio.py" line="240" />
        <source>Could not mix the episode: %1</source>
        <translation>无法混音本集：%1</translation>
    </message>
</context>
<context>
    <name>RenderController</name>
    <message>
        <location filename="../../studio/ui/render_controller.py" line="55" />
        <source>No speech engine is available.</source>
        <translation>没有可用的语音引擎。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/render_controller.py" line="84" />
        <source>Cannot render: %1</source>
        <translation>无法生成：%1</translation>
    </message>
    <message>
        <location filename="../../studio/ui/render_controller.py" line="88" />
        <source>Auto-cast missing voices: %1</source>
        <translation>已为缺少声音的角色自动选角：%1</translation>
    </message>
    <message>
        <location filename="../../studio/ui/render_controller.py" line="100" />
        <source>%1 line(s) cannot be rendered; see their Status tooltip.</source>
        <translation>%1 行无法生成；请查看其“状态”提示。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/render_controller.py" line="103" />
        <source>Nothing to render: every line is up to date.</source>
        <translation>无需生成：每一行都是最新的。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/render_controller.py" line="118" />
        <source>Rendered %1, reused %2</source>
        <translation>已生成 %1 行，复用 %2 行</translation>
    </message>
    <message>
        <location filename="../../studio/ui/render_controller.py" line="121" />
        <source>%1 failed (see the Status column)</source>
        <translation>%1 条失败（见“状态”列）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/render_controller.py" line="123" />
        <source>%1 cancelled</source>
        <translation>%1 条已取消</translation>
    </message>
    <message>
        <location filename="../../studio/ui/render_controller.py" line="125" />
        <source>%1 cannot be rendered</source>
        <translation>%1 条无法生成</translation>
    </message>
    <message>
        <location filename="../../studio/ui/render_controller.py" line="133" />
        <source>Rendering stopped: %1</source>
        <translation>生成已停止：%1</translation>
    </message>
    <message>
        <location filename="../../studio/ui/render_controller.py" line="165" />
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
    <name>ScriptModel</name>
    <message>
        <location filename="../../studio/ui/script_model.py" line="86" />
        <source>Inherited from the role; type a value to override it, clear it to inherit again.</source>
        <extracomment>rows an edit of (row, column) applies to; the window answers "the whole selection"</extracomment>
        <translation>继承自角色；输入数值可覆盖，清空则重新继承。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="87" />
        <source>stale</source>
        <translation>待生成</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="87" />
        <source>queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="88" />
        <source>rendering</source>
        <translation>生成中</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="88" />
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="88" />
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="89" />
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="89" />
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="89" />
        <source>Text</source>
        <translation>台词</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="89" />
        <source>Chars</source>
        <translation>字数</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="89" />
        <source>Emotion</source>
        <translation>情绪</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="90" />
        <source>Speed</source>
        <translation>语速</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="90" />
        <source>Pitch</source>
        <translation>音高</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="90" />
        <source>Volume</source>
        <translation>音量</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="90" />
        <source>Gap</source>
        <translation>间隔</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="90" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="91" />
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="91" />
        <source>Take</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="93" />
        <source>happy</source>
        <translation>开心</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="93" />
        <source>sad</source>
        <translation>悲伤</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="93" />
        <source>angry</source>
        <translation>愤怒</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="94" />
        <source>fearful</source>
        <translation>害怕</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="94" />
        <source>disgusted</source>
        <translation>厌恶</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="94" />
        <source>surprised</source>
        <translation>惊讶</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="95" />
        <source>calm</source>
        <translation>平静</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="95" />
        <source>fluent</source>
        <translation>流畅</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="95" />
        <source>whisper</source>
        <translation>耳语</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="143" />
        <location filename="../../studio/ui/script_model.py" line="248" />
        <source>take %1</source>
        <translation>版本 %1</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="290" />
        <source>Trace id: %1</source>
        <translation>追踪 ID：%1</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="352" />
        <source>“%1” is not a number.</source>
        <translation>“%1”不是数字。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="359" />
        <source>role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="359" />
        <source>text</source>
        <translation>台词</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="359" />
        <source>emotion</source>
        <translation>情绪</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="359" />
        <source>speed</source>
        <translation>语速</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="360" />
        <source>pitch</source>
        <translation>音高</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="360" />
        <source>volume</source>
        <translation>音量</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="360" />
        <source>gap</source>
        <translation>间隔</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="361" />
        <source>take</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="363" />
        <source>Edit %1</source>
        <translation>编辑%1</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="364" />
        <source>Edit %1 of %2 lines</source>
        <translation>编辑 %2 行的%1</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="369" />
        <source>Edit delivery</source>
        <translation>编辑语气</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="402" />
        <source>Move lines</source>
        <translation>移动台词</translation>
    </message>
</context>
<context>
    <name>ScriptView</name>
    <message>
        <location filename="../../studio/ui/script_view.py" line="30" />
        <source>Script</source>
        <translation>剧本</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="57" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="64" />
        <source>Kokoro (offline, natural)</source>
        <translation>Kokoro（离线，自然）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="65" />
        <source>eSpeak (offline, fast draft)</source>
        <translation>eSpeak（离线，快速草稿）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="66" />
        <source>MiniMax (online)</source>
        <translation>MiniMax（在线）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="73" />
        <source>leave empty to keep the saved key</source>
        <translation>留空则保留已保存的密钥</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="77" />
        <source>Global (%1)</source>
        <translation>国际（%1）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="78" />
        <source>Mainland China (%1)</source>
        <translation>中国大陆（%1）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="116" />
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="121" />
        <source>Speech engine</source>
        <translation>语音引擎</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="123" />
        <source>Engine:</source>
        <translation>引擎：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="124" />
        <source>MiniMax</source>
        <translation>MiniMax</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="126" />
        <source>API key:</source>
        <translation>API 密钥：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="127" />
        <source>Region:</source>
        <translation>区域：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="128" />
        <source>Model:</source>
        <translation>模型：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="129" />
        <source>Requests per minute:</source>
        <translation>每分钟请求数：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="130" />
        <source>Characters per minute:</source>
        <translation>每分钟字符数：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="131" />
        <source>Audio</source>
        <translation>音频</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="133" />
        <source>Export format:</source>
        <translation>导出格式：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="134" />
        <source>Sample rate:</source>
        <translation>采样率：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="135" />
        <source>Default gap:</source>
        <translation>默认间隔：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="136" />
        <source>Loudness target:</source>
        <translation>响度目标：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="137" />
        <source>Interface</source>
        <translation>界面</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="139" />
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="167" />
        <source>MiniMax key saved in the system keyring.</source>
        <translation>MiniMax 密钥已保存到系统钥匙串。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="194" />
        <source>The new language is used from the next start.</source>
        <translation>新语言将在下次启动时生效。</translation>
    </message>
</context>
<context>
    <name>VoiceCatalog</name>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="93" />
        <source>Could not list the voices of %1: %2</source>
        <translation>无法列出 %1 的声音：%2</translation>
    </message>
</context>
<context>
    <name>VoiceDelegate</name>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="207" />
        <source>(auto-cast)</source>
        <translation>（自动选角）</translation>
    </message>
</context>
<context>
    <name>VoiceLibrary</name>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="163" />
        <source>Voice library</source>
        <translation>声音库</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="174" />
        <source>Search voices</source>
        <translation>搜索声音</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="188" />
        <source>Preview</source>
        <translation>试听</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="191" />
        <source>Use for role</source>
        <translation>分配给角色</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="193" />
        <source>Cast the selected voice for the role selected in the Cast panel</source>
        <translation>把选中的声音分配给“角色”面板中选中的角色</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="207" />
        <source>Synthesizes a sample; it cannot be heard: %1</source>
        <translation>会合成试听样本，但无法播放：%1</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="236" />
        <source>Select a voice to preview.</source>
        <translation>请选择要试听的声音。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="247" />
        <source>No speech engine is available.</source>
        <translation>没有可用的语音引擎。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="252" />
        <source>Synthesizing a preview…</source>
        <translation>正在合成试听…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="265" />
        <source>Preview failed: %1</source>
        <translation>试听失败：%1</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="275" />
        <source>Preview ready (%1 s) but it cannot be played: %2</source>
        <translation>试听已生成（%1 秒），但无法播放：%2</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="277" />
        <source>no audio output.</source>
        <translation>没有音频输出。</translation>
    </message>
</context>
<context>
    <name>VoiceListModel</name>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="108" />
        <source>Voice</source>
        <translation>声音</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="108" />
        <source>Id</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="108" />
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="108" />
        <source>Age</source>
        <translation>年龄</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="108" />
        <source>About</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="109" />
        <source>female</source>
        <translation>女</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="109" />
        <source>male</source>
        <translation>男</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="109" />
        <source>child</source>
        <translation>儿童</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="110" />
        <source>young</source>
        <translation>青年</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="110" />
        <source>adult</source>
        <translation>成年</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="110" />
        <source>old</source>
        <translation>老年</translation>
    </message>
</context>
</TS>