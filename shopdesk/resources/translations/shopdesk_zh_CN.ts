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
    <name>DashboardView</name>
    <message>
        <source>Reading the database…</source>
        <translation>正在读取数据库…</translation>
    </message>
    <message>
        <source>Could not read the database: {error}</source>
        <translation>无法读取数据库：{error}</translation>
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
        <source>Importing platform exports comes in a later version. For now, open the demo data to look around, or open a database that already holds data.</source>
        <translation>导入平台导出文件的功能将在后续版本提供。现在可以先打开演示数据看看效果，或打开一个已有数据的数据库。</translation>
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
</TS>
