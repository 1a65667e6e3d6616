<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About shopdesk</source>
        <translation>关于 shopdesk</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Qt / PySide6</source>
        <translation>Qt / PySide6</translation>
    </message>
    <message>
        <source>Python</source>
        <translation>Python</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>none open</source>
        <translation>未打开</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <source>One desk for Taobao/Tmall, JD, Pinduoduo and Douyin operations.</source>
        <translation>淘宝/天猫、京东、拼多多、抖音多平台运营，一个工作台搞定。</translation>
    </message>
</context>
<context>
    <name>AlertsController</name>
    <message>
        <source>Alert rules</source>
        <translation>预警规则</translation>
    </message>
    <message>
        <source>Open or create a database first.</source>
        <translation>请先打开或新建一个数据库。</translation>
    </message>
    <message>
        <source>… and {n} more</source>
        <translation>……还有 {n} 条</translation>
    </message>
    <message>
        <source>New alerts</source>
        <translation>新的预警</translation>
    </message>
    <message>
        <source>The import raised {n} new alerts:</source>
        <translation>本次导入产生了 {n} 条新预警：</translation>
    </message>
</context>
<context>
    <name>AlertsPanel</name>
    <message>
        <source>Checking the alert rules…</source>
        <translation>正在检查预警规则…</translation>
    </message>
    <message>
        <source>Sending to the group robot…</source>
        <translation>正在发送到群机器人…</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>正在发送…</translation>
    </message>
    <message>
        <source>acknowledged</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>new</source>
        <translation>新</translation>
    </message>
    <message>
        <source>sent to the group</source>
        <translation>已发送到群</translation>
    </message>
    <message>
        <source>sending failed</source>
        <translation>发送失败</translation>
    </message>
    <message>
        <source>{n} new alerts.</source>
        <translation>{n} 条新预警。</translation>
    </message>
    <message>
        <source>No new alerts.</source>
        <translation>没有新的预警。</translation>
    </message>
    <message>
        <source>{n} could not be sent to the group robot.</source>
        <translation>其中 {n} 条未能发送到群机器人。</translation>
    </message>
    <message>
        <source>No group robot is set up (Settings → Alert rules).</source>
        <translation>还没有设置群机器人（设置 → 预警规则）。</translation>
    </message>
    <message>
        <source>Sent to the group robot.</source>
        <translation>已发送到群机器人。</translation>
    </message>
    <message>
        <source>Sending failed again: {error}</source>
        <translation>再次发送失败：{error}</translation>
    </message>
    <message>
        <source>Something went wrong: {error}</source>
        <translation>出错了：{error}</translation>
    </message>
    <message>
        <source>Alerts ({unread} not acknowledged)</source>
        <translation>预警（{unread} 条未确认）</translation>
    </message>
    <message>
        <source>No alerts yet.</source>
        <translation>暂时没有预警。</translation>
    </message>
    <message>
        <source>No database open.</source>
        <translation>没有打开数据库。</translation>
    </message>
    <message>
        <source>Not sent to the group robot ({n} attempts): {error}</source>
        <translation>未发送到群机器人（已尝试 {n} 次）：{error}</translation>
    </message>
    <message>
        <source>Sent to the group robot at {time}.</source>
        <translation>已于 {time} 发送到群机器人。</translation>
    </message>
    <message>
        <source>Raised</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>周期</translation>
    </message>
    <message>
        <source>Value (change)</source>
        <translation>数值（变化）</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Check now</source>
        <translation>立即检查</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Send again</source>
        <translation>重新发送</translation>
    </message>
</context>
<context>
    <name>Breadcrumbs</name>
    <message>
        <source>◀ Back</source>
        <translation>◀ 返回</translation>
    </message>
    <message>
        <source>Up one level (Backspace or Alt+←)</source>
        <translation>返回上一级（Backspace 或 Alt+←）</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
</context>
<context>
    <name>CampaignsView</name>
    <message>
        <source>Campaign calendar</source>
        <translation>活动日历</translation>
    </message>
    <message>
        <source>Plan 618 and Double 11 style campaigns: goals, budget split, warm-up / burst / return phases on a calendar, per-platform mechanics, tasks, live-stream bookings, live tracking and the review report.</source>
        <translation>规划 618、双11 等大促：目标与预算分配，在日历上安排预热/爆发/返场阶段，各平台玩法、内部任务、达人直播排期，活动中实时跟踪，结束后出复盘报告。</translation>
    </message>
</context>
<context>
    <name>CatalogView</name>
    <message>
        <source>Product master table</source>
        <translation>商品信息总表</translation>
    </message>
    <message>
        <source>One row per product (merchant SKU code) with its listing on every platform — title, price, stock and status side by side. Edit in place, paste from Excel, fill down and undo.</source>
        <translation>每个商品（商家编码）一行，各平台链接的标题、价格、库存和状态并排显示。可直接修改、从 Excel 粘贴、向下填充，随时撤销。</translation>
    </message>
</context>
<context>
    <name>CategoryMappingDialog</name>
    <message>
        <source>Reading categories…</source>
        <translation>正在读取类目…</translation>
    </message>
    <message>
        <source>Saving category mappings…</source>
        <translation>正在保存类目映射…</translation>
    </message>
    <message>
        <source>Category mapping</source>
        <translation>类目映射</translation>
    </message>
    <message>
        <source>Platform:</source>
        <translation>平台：</translation>
    </message>
    <message>
        <source>Each platform files your goods under its own categories. Type which of your own categories each one is; the listings are updated as soon as you save. Unmapped categories are listed first.</source>
        <translation>各平台用自己的类目体系归类你的商品。请填写每个平台类目对应你自己的哪个类目；保存后商品链接立即更新。未映射的类目排在最前面。</translation>
    </message>
    <message>
        <source>Platform category</source>
        <translation>平台类目</translation>
    </message>
    <message>
        <source>Listings</source>
        <translation>商品链接数</translation>
    </message>
    <message>
        <source>Your category</source>
        <translation>你的类目</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <source>Reading the database…</source>
        <translation>正在读取数据库…</translation>
    </message>
    <message>
        <source>Could not read the figures: {error}</source>
        <translation>无法读取数据：{error}</translation>
    </message>
    <message>
        <source>Could not read the database: {error}</source>
        <translation>无法读取数据库：{error}</translation>
    </message>
    <message>
        <source>All platforms</source>
        <translation>全部平台</translation>
    </message>
    <message>
        <source>Products of all platforms</source>
        <translation>全部平台商品</translation>
    </message>
    <message>
        <source>{platform} products</source>
        <translation>{platform} 商品</translation>
    </message>
    <message>
        <source>No sales data in this database yet</source>
        <translation>这个数据库里还没有销售数据</translation>
    </message>
    <message>
        <source>The dashboard will put GMV, platform share, conversion, average order value and repeat rate for Taobao/Tmall, JD, Pinduoduo and Douyin side by side, with drill-down to each order, threshold alerts and the weekly cross-platform report.</source>
        <translation>数据看板会把淘宝/天猫、京东、拼多多、抖音的 GMV、平台占比、转化率、客单价和复购率放在一起对比，可逐层下钻到每一笔订单，还有阈值预警和每周《跨平台运营数据简报》。</translation>
    </message>
    <message>
        <source>Import the order, traffic, keyword, listing and review files exactly as the platforms&apos; back-ends export them (or drop them on this window), open the demo data to look around, or open a database that already holds data.</source>
        <translation>把各平台后台导出的订单、流量、关键词、商品和评价文件原样导入（也可以直接拖到本窗口），或者打开演示数据看看，或打开已有数据的数据库。</translation>
    </message>
    <message>
        <source>Import exports…</source>
        <translation>导入平台导出文件…</translation>
    </message>
    <message>
        <source>Open demo data</source>
        <translation>打开演示数据</translation>
    </message>
    <message>
        <source>Open database…</source>
        <translation>打开数据库…</translation>
    </message>
</context>
<context>
    <name>DatabaseOpener</name>
    <message>
        <source>Open database</source>
        <translation>打开数据库</translation>
    </message>
    <message>
        <source>shopdesk databases (*.sqlite3 *.db);;All files (*)</source>
        <translation>shopdesk 数据库 (*.sqlite3 *.db);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Opening the database…</source>
        <translation>正在打开数据库…</translation>
    </message>
    <message>
        <source>The demo data generator is not available in this version.</source>
        <translation>当前版本无法生成演示数据。</translation>
    </message>
    <message>
        <source>Writing demo data…</source>
        <translation>正在生成演示数据…</translation>
    </message>
    <message>
        <source>The demo data could not be written.</source>
        <translation>演示数据生成失败。</translation>
    </message>
    <message>
        <source>Cannot open the database {location}.

{reason}</source>
        <translation>无法打开数据库 {location}。

{reason}</translation>
    </message>
    <message>
        <source>shopdesk</source>
        <translation>shopdesk</translation>
    </message>
</context>
<context>
    <name>EditorView</name>
    <message>
        <source>Bulk title and image editor</source>
        <translation>标题主图批量编辑</translation>
    </message>
    <message>
        <source>Rewrite titles, selling points and main images for many listings at once, with keyword help, banned-word and length checks, a review step before anything goes live, and before/after tracking of click-through and conversion.</source>
        <translation>一次修改多个链接的标题、卖点和主图：提供关键词参考、违禁词和字数检查，上线前必须经过审核，并跟踪修改前后的点击率和转化率。</translation>
    </message>
</context>
<context>
    <name>FileDetail</name>
    <message>
        <source>No file selected</source>
        <translation>未选择文件</translation>
    </message>
    <message>
        <source>Unknown statuses: {statuses}</source>
        <translation>未知状态：{statuses}</translation>
    </message>
    <message>
        <source>Add files with the button below or drop them here.</source>
        <translation>用下方按钮添加文件，或把文件拖到这里。</translation>
    </message>
    <message>
        <source>Cannot be imported: {reason}</source>
        <translation>无法导入：{reason}</translation>
    </message>
    <message>
        <source>Error: {error}</source>
        <translation>出错：{error}</translation>
    </message>
    <message>
        <source>Imported as import #{batch}.</source>
        <translation>已导入，导入记录 #{batch}。</translation>
    </message>
    <message>
        <source>Checked without writing anything; importing will give exactly these counts.</source>
        <translation>已试导入（未写入任何数据）；确认导入后的结果与这些数字完全一致。</translation>
    </message>
    <message>
        <source>This file is from the shop:</source>
        <translation>此文件属于店铺：</translation>
    </message>
    <message>
        <source>Use this shop</source>
        <translation>使用此店铺</translation>
    </message>
    <message>
        <source>Enter password…</source>
        <translation>输入密码…</translation>
    </message>
    <message>
        <source>Set status mapping…</source>
        <translation>设置状态映射…</translation>
    </message>
</context>
<context>
    <name>FileRuns</name>
    <message>
        <source>Checking the files…</source>
        <translation>正在预览文件…</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>✓ {name}: {added} added, {updated} updated, {unchanged} unchanged, {rejected} rejected</source>
        <translation>✓ {name}：新增 {added}，更新 {updated}，未变 {unchanged}，被拒 {rejected}</translation>
    </message>
    <message>
        <source>✗ {name}: not imported — {reason}</source>
        <translation>✗ {name}：未导入 — {reason}</translation>
    </message>
    <message>
        <source>✗ {name}: not imported — cancelled, nothing of it was written</source>
        <translation>✗ {name}：未导入 — 已取消，此文件的改动已全部回滚</translation>
    </message>
    <message>
        <source>✗ {name}: not imported — cancelled before it started</source>
        <translation>✗ {name}：未导入 — 取消时尚未开始</translation>
    </message>
</context>
<context>
    <name>FilesModel</name>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>What it is</source>
        <translation>文件内容</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>店铺</translation>
    </message>
    <message>
        <source>To add</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>To update</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>未变</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>被拒</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Waiting to be checked</source>
        <translation>等待预览</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在预览…</translation>
    </message>
    <message>
        <source>Not checked (cancelled)</source>
        <translation>未预览（已取消）</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>Could not be read (see the log): {error}</source>
        <translation>读取出错（详见日志）：{error}</translation>
    </message>
    <message>
        <source>Imported (import #{batch})</source>
        <translation>已导入（导入记录 #{batch}）</translation>
    </message>
    <message>
        <source>Ready — {count} unknown statuses</source>
        <translation>可导入 — 有 {count} 种未知状态</translation>
    </message>
    <message>
        <source>Ready to import</source>
        <translation>可导入</translation>
    </message>
    <message>
        <source>Several {platform} shops exist: choose the shop this file is from</source>
        <translation>有多个{platform}店铺：请选择此文件属于哪个店铺</translation>
    </message>
    <message>
        <source>The ZIP file is protected by a password: enter the password</source>
        <translation>此 ZIP 文件有密码：请输入密码</translation>
    </message>
    <message>
        <source>The password is wrong: enter it again</source>
        <translation>密码错误：请重新输入</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Week {week}</source>
        <translation>第 {week} 周</translation>
    </message>
    <message>
        <source>Compared with the previous period {start} ~ {end}</source>
        <translation>对比上一周期 {start} ~ {end}</translation>
    </message>
    <message>
        <source>All shops</source>
        <translation>全部店铺</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>周</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>All platforms</source>
        <translation>全部平台</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>店铺</translation>
    </message>
    <message>
        <source>Previous period (Ctrl+←)</source>
        <translation>上一周期（Ctrl+←）</translation>
    </message>
    <message>
        <source>Next period (Ctrl+→)</source>
        <translation>下一周期（Ctrl+→）</translation>
    </message>
    <message>
        <source>Read the figures again (F5)</source>
        <translation>重新读取数据（F5）</translation>
    </message>
    <message>
        <source>Weekly report…</source>
        <translation>生成周报…</translation>
    </message>
    <message>
        <source>Write the weekly cross-platform report as an Excel workbook (Ctrl+R)</source>
        <translation>生成《跨平台运营数据简报》Excel 周报（Ctrl+R）</translation>
    </message>
    <message>
        <source>Any day of the period; for a custom range, its first day</source>
        <translation>周期内任意一天；自定义区间时为开始日期</translation>
    </message>
    <message>
        <source>Last day of the custom range</source>
        <translation>自定义区间的结束日期</translation>
    </message>
</context>
<context>
    <name>ImportController</name>
    <message>
        <source>Import platform exports</source>
        <translation>导入平台导出文件</translation>
    </message>
    <message>
        <source>Platform exports ({patterns});;All files (*)</source>
        <translation>平台导出文件 ({patterns});;所有文件 (*)</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Open or create a database first, then import into it.</source>
        <translation>请先打开或新建一个数据库，再导入数据。</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>The password for {name} is wrong. Password:</source>
        <translation>{name} 的密码错误。请重新输入密码：</translation>
    </message>
    <message>
        <source>{name} is protected by a password (JD sends it by SMS). Password:</source>
        <translation>{name} 有密码保护（京东会通过短信发送密码）。密码：</translation>
    </message>
    <message>
        <source>ZIP password</source>
        <translation>ZIP 密码</translation>
    </message>
    <message>
        <source>Import finished</source>
        <translation>导入完成</translation>
    </message>
    <message>
        <source>Import incomplete</source>
        <translation>导入未全部完成</translation>
    </message>
    <message>
        <source>Import {count} files</source>
        <translation>确认导入（{count} 个文件）</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>正在处理…</translation>
    </message>
    <message>
        <source>{files} files ready: {added} to add, {updated} to update, {rejected} rejected</source>
        <translation>{files} 个文件可导入：新增 {added}，更新 {updated}，被拒 {rejected}</translation>
    </message>
    <message>
        <source>{count} files cannot be imported</source>
        <translation>{count} 个文件无法导入</translation>
    </message>
    <message>
        <source>Import files</source>
        <translation>导入文件</translation>
    </message>
    <message>
        <source>Each file is first checked by importing it without saving anything, so the counts below are exactly what importing will do. Files in red cannot be imported; the others are imported when you confirm. You can drop more files here.</source>
        <translation>每个文件都会先试导入一次（不保存任何数据），下面的数字就是真正导入后的结果。红色的文件无法导入；其余文件在你确认后导入。也可以把更多文件拖到这里。</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>重新预览</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>ImportHistoryDialog</name>
    <message>
        <source>Reading the import history…</source>
        <translation>正在读取导入记录…</translation>
    </message>
    <message>
        <source>Nothing has been imported into this database yet.</source>
        <translation>这个数据库还没有导入过任何文件。</translation>
    </message>
    <message>
        <source>Imported at</source>
        <translation>导入时间</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>店铺</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>未变</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>被拒</translation>
    </message>
    <message>
        <source>Undone at</source>
        <translation>撤销时间</translation>
    </message>
    <message>
        <source>Undo import #{batch} of {file} ({platform}, {shop}, {time})?</source>
        <translation>撤销导入 #{batch}：{file}（{platform}，{shop}，{time}）？</translation>
    </message>
    <message>
        <source>• the {added} records it added are deleted</source>
        <translation>• 删除此次新增的 {added} 条记录</translation>
    </message>
    <message>
        <source>• the {updated} records it updated get back the values they had before</source>
        <translation>• 此次更新的 {updated} 条记录恢复为导入前的值</translation>
    </message>
    <message>
        <source>• its {rejected} rejected rows stay listed here</source>
        <translation>• 此次的 {rejected} 行被拒行仍保留在记录中</translation>
    </message>
    <message>
        <source>Other imports are not touched.</source>
        <translation>其他导入不受影响。</translation>
    </message>
    <message>
        <source>Undo import</source>
        <translation>撤销导入</translation>
    </message>
    <message>
        <source>Undoing the import…</source>
        <translation>正在撤销导入…</translation>
    </message>
    <message>
        <source>Import #{batch} ({file}) was undone.</source>
        <translation>导入 #{batch}（{file}）已撤销。</translation>
    </message>
    <message>
        <source>This import cannot be undone</source>
        <translation>无法撤销此次导入</translation>
    </message>
    <message>
        <source>Something went wrong: {error}</source>
        <translation>出错了：{error}</translation>
    </message>
    <message>
        <source>Import history</source>
        <translation>导入记录</translation>
    </message>
    <message>
        <source>Reading the rejected rows…</source>
        <translation>正在读取被拒行…</translation>
    </message>
    <message>
        <source>Rejected rows of import #{batch} ({file})</source>
        <translation>导入 #{batch}（{file}）的被拒行</translation>
    </message>
    <message>
        <source>Undo import…</source>
        <translation>撤销导入…</translation>
    </message>
    <message>
        <source>Show rejected rows</source>
        <translation>查看被拒行</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
</context>
<context>
    <name>ImportNames</name>
    <message>
        <source>Taobao/Tmall</source>
        <translation>淘宝/天猫</translation>
    </message>
    <message>
        <source>JD</source>
        <translation>京东</translation>
    </message>
    <message>
        <source>Pinduoduo</source>
        <translation>拼多多</translation>
    </message>
    <message>
        <source>Douyin</source>
        <translation>抖音</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Order items</source>
        <translation>订单明细</translation>
    </message>
    <message>
        <source>Shop traffic</source>
        <translation>店铺流量</translation>
    </message>
    <message>
        <source>Product traffic</source>
        <translation>商品流量</translation>
    </message>
    <message>
        <source>Keywords</source>
        <translation>关键词</translation>
    </message>
    <message>
        <source>Listings</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Reviews</source>
        <translation>评价</translation>
    </message>
    <message>
        <source>Unpaid</source>
        <translation>待付款</translation>
    </message>
    <message>
        <source>Paid, not shipped</source>
        <translation>已付款待发货</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>已发货</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <source>Closed (cancelled if unpaid, refunded if paid)</source>
        <translation>已关闭（未付款算取消，已付款算退款）</translation>
    </message>
    <message>
        <source>locked</source>
        <translation>锁定</translation>
    </message>
</context>
<context>
    <name>KpiCards</name>
    <message>
        <source>Share · {platform}</source>
        <translation>平台占比 · {platform}</translation>
    </message>
    <message>
        <source>Platform share</source>
        <translation>平台占比</translation>
    </message>
    <message>
        <source> pp</source>
        <translation> 个百分点</translation>
    </message>
    <message>
        <source>— no comparison</source>
        <translation>— 无可比数据</translation>
    </message>
    <message>
        <source>Previous {value}</source>
        <translation>上期 {value}</translation>
    </message>
    <message>
        <source>No paid orders in this period.</source>
        <translation>这一周期没有支付订单。</translation>
    </message>
    <message>
        <source>Unknown: no traffic (visitor) data was imported for this period, or not for every platform with buyers. Import the 生意参谋 / 商智 / 后台 traffic reports to see it.</source>
        <translation>未知：这一周期没有导入流量（访客）数据，或并非每个有买家的平台都有流量数据。导入生意参谋 / 商智 / 后台的流量报表后即可显示。</translation>
    </message>
    <message>
        <source>Unknown: no visitors were counted in this period.</source>
        <translation>未知：这一周期访客数为 0。</translation>
    </message>
    <message>
        <source>Unknown: more than half of the paid orders carry no buyer identity, so repeat buyers cannot be matched.</source>
        <translation>未知：超过一半的支付订单没有买家身份，无法识别复购买家。</translation>
    </message>
    <message>
        <source>Unknown: no buyers in this period.</source>
        <translation>未知：这一周期没有买家。</translation>
    </message>
    <message>
        <source>GMV</source>
        <translation>GMV</translation>
    </message>
    <message>
        <source>Net sales</source>
        <translation>净销售额</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单数</translation>
    </message>
    <message>
        <source>Buyers</source>
        <translation>买家数</translation>
    </message>
    <message>
        <source>Average order value</source>
        <translation>客单价</translation>
    </message>
    <message>
        <source>Conversion</source>
        <translation>转化率</translation>
    </message>
    <message>
        <source>Repeat rate</source>
        <translation>复购率</translation>
    </message>
    <message>
        <source>The change is in percentage points against the previous period.</source>
        <translation>变化为与上一周期相比的百分点差。</translation>
    </message>
    <message>
        <source>The change is relative (percent) against the previous period.</source>
        <translation>变化为与上一周期相比的增减百分比。</translation>
    </message>
    <message>
        <source>GMV: what buyers paid on orders paid in the period (shipping included), not counting unpaid, cancelled and test orders. Later refunds do not reduce it.</source>
        <translation>GMV：周期内支付的订单的买家实付金额（含运费），不含未付款、已取消和测试订单；之后的退款不减少 GMV。</translation>
    </message>
    <message>
        <source>Net sales: GMV minus the refunds of those orders.</source>
        <translation>净销售额：GMV 减去这些订单的退款金额。</translation>
    </message>
    <message>
        <source>Orders: paid orders in the period (no unpaid, cancelled or test orders).</source>
        <translation>订单数：周期内的支付订单数（不含未付款、已取消和测试订单）。</translation>
    </message>
    <message>
        <source>Buyers: distinct buyers among the paid orders, per platform (a buyer on two platforms counts twice in the total).</source>
        <translation>买家数：支付订单中不重复的买家数，按平台计算（在两个平台购买的买家在合计中计两次）。</translation>
    </message>
    <message>
        <source>Average order value (客单价): GMV / buyers.</source>
        <translation>客单价：GMV / 买家数。</translation>
    </message>
    <message>
        <source>Conversion: buyers / visitors, visitors from the imported traffic reports (daily shop visitors summed). Without traffic data it is unknown, never 0.</source>
        <translation>转化率：买家数 / 访客数，访客数来自导入的流量报表（每日店铺访客数相加）。没有流量数据时为未知，而不是 0。</translation>
    </message>
    <message>
        <source>Repeat rate (复购率): buyers with two or more paid orders in the period / buyers; unknown when more than half of the paid orders have no buyer identity.</source>
        <translation>复购率：周期内有两笔及以上支付订单的买家数 / 买家数；超过一半的支付订单没有买家身份时为未知。</translation>
    </message>
    <message>
        <source>Platform share: the platform&apos;s (or shop&apos;s) GMV / the GMV of all platforms in the period. With all platforms selected, the largest platform&apos;s share.</source>
        <translation>平台占比：该平台（或店铺）的 GMV / 周期内全部平台的 GMV。选择全部平台时，显示 GMV 最大的平台的占比。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Dashboard</source>
        <translation>数据看板</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>商品总表</translation>
    </message>
    <message>
        <source>Bulk edit</source>
        <translation>批量编辑</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>活动日历</translation>
    </message>
    <message>
        <source>Reviews and service</source>
        <translation>评价客服</translation>
    </message>
    <message>
        <source>No database open</source>
        <translation>未打开数据库</translation>
    </message>
    <message>
        <source>Database: {location}</source>
        <translation>数据库：{location}</translation>
    </message>
    <message>
        <source>Team database: {location}</source>
        <translation>团队数据库：{location}</translation>
    </message>
    <message>
        <source>⚠ Network drive</source>
        <translation>⚠ 网络驱动器</translation>
    </message>
</context>
<context>
    <name>MenuTexts</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Reports</source>
        <translation>报表(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Open database…</source>
        <translation>打开数据库(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;demo data</source>
        <translation>打开演示数据(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <source>Import &amp;history</source>
        <translation>导入记录(&amp;H)</translation>
    </message>
    <message>
        <source>Order &amp;status mapping…</source>
        <translation>订单状态映射(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Category mapping…</source>
        <translation>类目映射(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Test order rules…</source>
        <translation>测试订单规则(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Weekly report…</source>
        <translation>周报(&amp;W)…</translation>
    </message>
    <message>
        <source>&amp;Alert rules…</source>
        <translation>预警规则(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;About shopdesk</source>
        <translation>关于 shopdesk(&amp;A)</translation>
    </message>
    <message>
        <source>Open &amp;log folder</source>
        <translation>打开日志文件夹(&amp;L)</translation>
    </message>
    <message>
        <source>Open data &amp;folder</source>
        <translation>打开数据文件夹(&amp;F)</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <source>Platforms in the period</source>
        <translation>本周期各平台</translation>
    </message>
    <message>
        <source>Database overview</source>
        <translation>数据库概况</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>预警</translation>
    </message>
</context>
<context>
    <name>OverviewPanel</name>
    <message>
        <source>Taobao/Tmall</source>
        <translation>淘宝/天猫</translation>
    </message>
    <message>
        <source>JD</source>
        <translation>京东</translation>
    </message>
    <message>
        <source>Pinduoduo</source>
        <translation>拼多多</translation>
    </message>
    <message>
        <source>Douyin</source>
        <translation>抖音</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Shops</source>
        <translation>店铺</translation>
    </message>
    <message>
        <source>Listings</source>
        <translation>商品链接</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Order lines</source>
        <translation>订单行</translation>
    </message>
    <message>
        <source>Paid GMV (yuan)</source>
        <translation>支付 GMV（元）</translation>
    </message>
    <message>
        <source>First paid</source>
        <translation>首笔支付</translation>
    </message>
    <message>
        <source>Last paid</source>
        <translation>最近支付</translation>
    </message>
    <message>
        <source>Database overview</source>
        <translation>数据库概况</translation>
    </message>
    <message>
        <source>Test orders are left out of every figure. GMV is what buyers paid on paid orders (shipping included), leaving out unpaid and cancelled orders; refunds do not reduce it.</source>
        <translation>所有数字均已排除测试订单。GMV 为已付款订单的买家实付金额（含运费），不含未付款和已取消的订单；退款不扣减 GMV。</translation>
    </message>
    <message>
        <source>{platforms} platforms · {shops} shops · {orders} orders · GMV {gmv}</source>
        <translation>{platforms} 个平台 · {shops} 家店铺 · {orders} 笔订单 · GMV {gmv}</translation>
    </message>
    <message>
        <source>{count} test orders were left out.</source>
        <translation>已排除 {count} 笔测试订单。</translation>
    </message>
</context>
<context>
    <name>PlaceholderView</name>
    <message>
        <source>This workbench is still being built. Meanwhile you can open the demo data to look around, or open another database; the Dashboard tab shows what a database contains.</source>
        <translation>这个工作台还在开发中。可以先打开演示数据看看，或打开其他数据库；「数据看板」会显示库里有哪些数据。</translation>
    </message>
    <message>
        <source>Open demo data</source>
        <translation>打开演示数据</translation>
    </message>
    <message>
        <source>Open database…</source>
        <translation>打开数据库…</translation>
    </message>
</context>
<context>
    <name>PlatformTable</name>
    <message>
        <source>Click a platform to see its products</source>
        <translation>点击平台查看其商品</translation>
    </message>
    <message>
        <source>All platforms</source>
        <translation>全部平台</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>GMV</source>
        <translation>GMV</translation>
    </message>
    <message>
        <source>GMV change</source>
        <translation>GMV 变化</translation>
    </message>
    <message>
        <source>Net sales</source>
        <translation>净销售额</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单数</translation>
    </message>
    <message>
        <source>Buyers</source>
        <translation>买家数</translation>
    </message>
    <message>
        <source>Visitors</source>
        <translation>访客数</translation>
    </message>
    <message>
        <source>Conversion</source>
        <translation>转化率</translation>
    </message>
    <message>
        <source>AOV</source>
        <translation>客单价</translation>
    </message>
    <message>
        <source>Repeat rate</source>
        <translation>复购率</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>占比</translation>
    </message>
</context>
<context>
    <name>ProductChart</name>
    <message>
        <source>{count} orders</source>
        <translation>{count} 单</translation>
    </message>
</context>
<context>
    <name>ProductPage</name>
    <message>
        <source>GMV</source>
        <translation>GMV</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单数</translation>
    </message>
    <message>
        <source>Visitors</source>
        <translation>访客数</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Order number</source>
        <translation>订单号</translation>
    </message>
    <message>
        <source>Paid at</source>
        <translation>支付时间</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Paid (line)</source>
        <translation>实付</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Test order</source>
        <translation>测试单</translation>
    </message>
    <message>
        <source>Import batch</source>
        <translation>导入批次</translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt;&lt;br&gt;{platform} · {shop} · item {item} · outer ID {outer} — {start} ~ {end}: GMV {gmv} ({change}) · {orders} orders · {visitors} visitors · conversion {conversion}</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt;&lt;br&gt;{platform} · {shop} · 商品 ID {item} · 商家编码 {outer} — {start} ~ {end}：GMV {gmv}（{change}）· {orders} 笔订单 · {visitors} 访客 · 转化率 {conversion}</translation>
    </message>
    <message>
        <source>Orders (bars) and visitors (line)</source>
        <translation>订单数（柱）与访客数（线）</translation>
    </message>
    <message>
        <source>Daily GMV (yuan) {start} ~ {end}</source>
        <translation>每日 GMV（元）{start} ~ {end}</translation>
    </message>
    <message>
        <source>Order lines paid {start} ~ {end}: {count} (test orders are never counted)</source>
        <translation>{start} ~ {end} 支付的订单行：{count} 行（测试订单从不计入）</translation>
    </message>
</context>
<context>
    <name>ProductsPage</name>
    <message>
        <source>{count} products · GMV {gmv} · {start} ~ {end}, changes against {pstart} ~ {pend} (conversion change in percentage points) · double-click a product for its days and orders</source>
        <translation>{count} 个商品 · GMV {gmv} · {start} ~ {end}，对比 {pstart} ~ {pend}（转化率变化为百分点）· 双击商品查看每日数据和订单</translation>
    </message>
    <message>
        <source> pp</source>
        <translation> 个百分点</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Outer ID</source>
        <translation>商家编码</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>店铺</translation>
    </message>
    <message>
        <source>GMV</source>
        <translation>GMV</translation>
    </message>
    <message>
        <source>GMV change</source>
        <translation>GMV 变化</translation>
    </message>
    <message>
        <source>Visitors</source>
        <translation>访客数</translation>
    </message>
    <message>
        <source>Visitors change</source>
        <translation>访客变化</translation>
    </message>
    <message>
        <source>Conversion</source>
        <translation>转化率</translation>
    </message>
    <message>
        <source>Conversion change</source>
        <translation>转化率变化</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单数</translation>
    </message>
</context>
<context>
    <name>RejectsView</name>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Line as read</source>
        <translation>原始行</translation>
    </message>
    <message>
        <source>Rejected rows</source>
        <translation>被拒行</translation>
    </message>
    <message>
        <source>Export rejected rows…</source>
        <translation>导出被拒行…</translation>
    </message>
    <message>
        <source>{count} rejected rows (cells listed for the first {kept})</source>
        <translation>{count} 行被拒（列出前 {kept} 行的原始内容）</translation>
    </message>
    <message>
        <source>{count} rejected rows</source>
        <translation>{count} 行被拒</translation>
    </message>
    <message>
        <source>No rejected rows</source>
        <translation>没有被拒的行</translation>
    </message>
    <message>
        <source>{name} rejected rows.xlsx</source>
        <translation>{name}_被拒行.xlsx</translation>
    </message>
    <message>
        <source>Export rejected rows</source>
        <translation>导出被拒行</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Writing the workbook…</source>
        <translation>正在写入工作簿…</translation>
    </message>
    <message>
        <source>{count} rejected rows — exported to {path}</source>
        <translation>{count} 行被拒 — 已导出到 {path}</translation>
    </message>
    <message>
        <source>The workbook {path} could not be written:
{error}</source>
        <translation>无法写入工作簿 {path}：
{error}</translation>
    </message>
</context>
<context>
    <name>ReportController</name>
    <message>
        <source>Open a database first.</source>
        <translation>请先打开一个数据库。</translation>
    </message>
    <message>
        <source>Writing the weekly report {week}…</source>
        <translation>正在生成 {week} 周报…</translation>
    </message>
    <message>
        <source>The weekly report {week} was written to
{path}</source>
        <translation>{week} 周报已生成：
{path}</translation>
    </message>
    <message>
        <source>There are no orders in that week or the week before: import orders first.</source>
        <translation>该周及上一周都没有订单数据：请先导入订单。</translation>
    </message>
    <message>
        <source>Open file</source>
        <translation>打开文件</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>The weekly report could not be written: {error}</source>
        <translation>无法生成周报：{error}</translation>
    </message>
    <message>
        <source>Weekly report</source>
        <translation>周报</translation>
    </message>
</context>
<context>
    <name>RulesDialog</name>
    <message>
        <source>each platform separately</source>
        <translation>每个平台分别计算</translation>
    </message>
    <message>
        <source>each shop separately</source>
        <translation>每个店铺分别计算</translation>
    </message>
    <message>
        <source>商家编码 or platform item id</source>
        <translation>商家编码或平台商品 ID</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Delete rule</source>
        <translation>删除规则</translation>
    </message>
    <message>
        <source>Delete the rule “{name}” and the alerts it raised?</source>
        <translation>删除规则“{name}”及其产生的预警？</translation>
    </message>
    <message>
        <source>Something went wrong: {error}</source>
        <translation>出错了：{error}</translation>
    </message>
    <message>
        <source>This computer has no usable keychain: the webhook is kept only until shopdesk quits (it is never written to a file).</source>
        <translation>这台电脑没有可用的系统钥匙串：Webhook 只保留到 shopdesk 退出为止（不会写入任何文件）。</translation>
    </message>
    <message>
        <source>Paste the robot&apos;s webhook address first.</source>
        <translation>请先粘贴机器人的 Webhook 地址。</translation>
    </message>
    <message>
        <source>No group robot: alerts are shown in shopdesk only.</source>
        <translation>不使用群机器人：预警只在 shopdesk 中显示。</translation>
    </message>
    <message>
        <source>Saved in the system keychain.</source>
        <translation>已保存到系统钥匙串。</translation>
    </message>
    <message>
        <source>Choose the robot and paste its webhook address first.</source>
        <translation>请先选择机器人并粘贴它的 Webhook 地址。</translation>
    </message>
    <message>
        <source>Sending the test message…</source>
        <translation>正在发送测试消息…</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>正在发送…</translation>
    </message>
    <message>
        <source>The test message was sent.</source>
        <translation>测试消息已发送。</translation>
    </message>
    <message>
        <source>vs the period before</source>
        <translation>对比上一周期</translation>
    </message>
    <message>
        <source>vs the same weekday of the last 4 weeks</source>
        <translation>对比前 4 周同一星期几</translation>
    </message>
    <message>
        <source>absolute threshold</source>
        <translation>绝对阈值</translation>
    </message>
    <message>
        <source>Alert rules</source>
        <translation>预警规则</translation>
    </message>
    <message>
        <source>New rule</source>
        <translation>新建规则</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Save rule</source>
        <translation>保存规则</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>Which</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比较方式</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>阈值</translation>
    </message>
    <message>
        <source>Minimum volume</source>
        <translation>最小样本量</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>周期</translation>
    </message>
    <message>
        <source>Below this many visitors (conversion, visitors), buyers (repeat rate) or paid orders (everything else) the rule stays quiet.</source>
        <translation>访客数（转化率、访客数）、买家数（复购率）或已付款订单数（其他指标）低于此值时，规则不报警。</translation>
    </message>
    <message>
        <source>All platforms</source>
        <translation>全部平台</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>店铺</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>drops (or below)</source>
        <translation>下降（或低于）</translation>
    </message>
    <message>
        <source>rises (or above)</source>
        <translation>上升（或高于）</translation>
    </message>
    <message>
        <source>either way</source>
        <translation>上升或下降</translation>
    </message>
    <message>
        <source>Day (yesterday)</source>
        <translation>日（昨天）</translation>
    </message>
    <message>
        <source>Week (last full week)</source>
        <translation>周（上一个完整周）</translation>
    </message>
    <message>
        <source>Group robot (optional)</source>
        <translation>群机器人（可选）</translation>
    </message>
    <message>
        <source>None: alerts in shopdesk only</source>
        <translation>不使用：只在 shopdesk 中提醒</translation>
    </message>
    <message>
        <source>DingTalk</source>
        <translation>钉钉</translation>
    </message>
    <message>
        <source>WeCom</source>
        <translation>企业微信</translation>
    </message>
    <message>
        <source>Feishu / Lark</source>
        <translation>飞书</translation>
    </message>
    <message>
        <source>Robot</source>
        <translation>机器人</translation>
    </message>
    <message>
        <source>Webhook address</source>
        <translation>Webhook 地址</translation>
    </message>
    <message>
        <source>Signing secret</source>
        <translation>加签密钥</translation>
    </message>
    <message>
        <source>only if the robot uses 加签 (signing)</source>
        <translation>仅当机器人开启了加签时填写</translation>
    </message>
    <message>
        <source>Save robot settings</source>
        <translation>保存机器人设置</translation>
    </message>
    <message>
        <source>Send test message</source>
        <translation>发送测试消息</translation>
    </message>
</context>
<context>
    <name>ServiceView</name>
    <message>
        <source>Reviews and customer service</source>
        <translation>评价与客服</translation>
    </message>
    <message>
        <source>Buyer reviews and inquiries from every platform in one queue, sorted into pre-sale, after-sale and complaints, answered from one reply handbook and kept within each platform&apos;s response-time rules.</source>
        <translation>各平台的买家评价和咨询汇总到一个队列，自动分为售前、售后和投诉，用同一套回复话术作答，并按各平台的响应时限提醒处理。</translation>
    </message>
</context>
<context>
    <name>StatusMappingDialog</name>
    <message>
        <source>Reading the status mappings…</source>
        <translation>正在读取状态映射…</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>请选择…</translation>
    </message>
    <message>
        <source>{platform}: a row has no platform status text.</source>
        <translation>{platform}：有一行没有填写平台状态。</translation>
    </message>
    <message>
        <source>{platform}: choose the unified status for “{text}”.</source>
        <translation>{platform}：请为“{text}”选择统一状态。</translation>
    </message>
    <message>
        <source>{platform}: “{text}” is listed twice.</source>
        <translation>{platform}：“{text}”重复了。</translation>
    </message>
    <message>
        <source>Saving the status mappings…</source>
        <translation>正在保存状态映射…</translation>
    </message>
    <message>
        <source>Order status mapping</source>
        <translation>订单状态映射</translation>
    </message>
    <message>
        <source>Platform:</source>
        <translation>平台：</translation>
    </message>
    <message>
        <source>Built-in mappings</source>
        <translation>内置映射</translation>
    </message>
    <message>
        <source>Your mappings (these win)</source>
        <translation>我的映射（优先于内置映射）</translation>
    </message>
    <message>
        <source>Status in the platform&apos;s export</source>
        <translation>平台导出中的状态</translation>
    </message>
    <message>
        <source>Unified status</source>
        <translation>统一状态</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Rows with an unknown status are rejected on import. Map the status text exactly as the export writes it; “Closed” becomes cancelled or refunded depending on whether the order was paid. Import the file again after saving.</source>
        <translation>状态未知的行在导入时会被拒绝。请按导出文件中的原样填写状态文字；“已关闭”会按订单是否已付款判为已取消或已退款。保存后请重新导入文件。</translation>
    </message>
</context>
<context>
    <name>TestOrderRulesDialog</name>
    <message>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Test order rules</source>
        <translation>测试订单规则</translation>
    </message>
    <message>
        <source>Orders whose buyer message or seller memo contains 测试 or the word “test” are test orders: they stay in the database but count nowhere. Add your own words below, one per line (for example 内部下单 or 刷单); they apply to files imported from now on.</source>
        <translation>买家留言或卖家备注中含有“测试”或单词“test”的订单视为测试订单：它们保留在数据库中，但不计入任何统计。可在下面添加你自己的词，每行一个（例如 内部下单、刷单）；对此后导入的文件生效。</translation>
    </message>
</context>
<context>
    <name>TrendChart</name>
    <message>
        <source>Point at a day to read its values</source>
        <translation>鼠标移到某一天查看当天数值</translation>
    </message>
</context>
<context>
    <name>TrendCharts</name>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>GMV by platform (yuan, by day)</source>
        <translation>各平台 GMV（元，按天）</translation>
    </message>
    <message>
        <source>Platform share of GMV</source>
        <translation>各平台 GMV 占比</translation>
    </message>
    <message>
        <source>Conversion (buyers / visitors)</source>
        <translation>转化率（买家数 / 访客数）</translation>
    </message>
    <message>
        <source>Average order value (yuan)</source>
        <translation>客单价（元）</translation>
    </message>
    <message>
        <source>Trend {start} ~ {end}</source>
        <translation>趋势 {start} ~ {end}</translation>
    </message>
    <message>
        <source>Campaign phase</source>
        <translation>活动阶段</translation>
    </message>
    <message>
        <source>Listing edit</source>
        <translation>商品修改</translation>
    </message>
    <message>
        <source>Click a platform to see its products</source>
        <translation>点击平台查看其商品</translation>
    </message>
</context>
<context>
    <name>WeeklyReportDialog</name>
    <message>
        <source>Type an ISO week such as 2026-W45.</source>
        <translation>请输入 ISO 周，例如 2026-W45。</translation>
    </message>
    <message>
        <source>Monday {start} to Sunday {end}, compared with the week before</source>
        <translation>周一 {start} 至周日 {end}，与上一周对比</translation>
    </message>
    <message>
        <source>Save the weekly report</source>
        <translation>保存周报</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>{text} is not an ISO week such as 2026-W45.</source>
        <translation>{text} 不是 ISO 周（例如 2026-W45）。</translation>
    </message>
    <message>
        <source>Choose the file to write.</source>
        <translation>请选择要保存的文件。</translation>
    </message>
    <message>
        <source>The folder {folder} does not exist.</source>
        <translation>文件夹 {folder} 不存在。</translation>
    </message>
    <message>
        <source>Weekly report</source>
        <translation>周报</translation>
    </message>
    <message>
        <source>The cross-platform weekly report as an Excel workbook: KPIs against the week before, each platform, the products that moved most, alerts, opportunities and what the team changed.</source>
        <translation>生成《跨平台运营数据简报》Excel 工作簿：核心指标与上周对比、分平台数据、涨跌最多的商品、本周预警、机会点，以及团队本周做的修改。</translation>
    </message>
    <message>
        <source>ISO week:</source>
        <translation>ISO 周：</translation>
    </message>
    <message>
        <source>Save as:</source>
        <translation>保存为：</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Create report</source>
        <translation>生成周报</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
</TS>
