"""Simplified Chinese for the messages of the Qt-free core (see ``i18n``).

Keys are the English source text exactly as written in the code.
"""

ZH_CN: dict[str, str] = {
    "error": "错误",
    "{prog}: error: {message}": "{prog}：错误：{message}",
    "warning": "警告",
    "Unknown platform: {value}": "未知平台：{value}",
    "The database file {path} is on a network drive. SQLite locking is not safe there; "
    "use team mode (PostgreSQL) to share data.": "数据库文件 {path} 位于网络驱动器上。SQLite 在网络盘上的文件锁不可靠，"
    "多人共享数据请使用团队模式（PostgreSQL）。",
    "Cannot open the database {path}: {reason}": "无法打开数据库 {path}：{reason}",
    "The database {path} was made by a newer shopdesk (schema {found}); this version knows "
    "up to {known}. Please update shopdesk.": "数据库 {path} 由更新版本的 shopdesk 创建（结构版本 {found}），"
    "当前版本只支持到 {known}。请升级 shopdesk。",
    "Backed up the database to {path} before upgrading it.": "升级数据库前已备份到 {path}。",
    "Database upgrade failed, the file was left as before: {reason}": "数据库升级失败，文件保持原样：{reason}",
    "Demo database written to {path} in {seconds:.1f} s": "演示数据库已写入 {path}，用时 {seconds:.1f} 秒",
    "{path} already exists; choose another path or delete it first.": "{path} 已存在；请换一个路径或先删除它。",
    "Writing demo data": "正在生成演示数据",
    "Cancelled": "已取消",
    # command line
    "Run '{prog} --help' to see what it accepts.": "运行“{prog} --help”查看可用的参数。",
    "Unrecognized arguments: {x}": "无法识别的参数：{x}",
    "Missing required arguments: {x}": "缺少必需的参数：{x}",
    "Argument {a} needs a value": "参数 {a} 需要一个值",
    "Argument {a}: {x} is not a valid choice (choose from {c})": "参数 {a}：{x} 不是有效的选项（可选：{c}）",
    "Argument {a}: {x} is not a valid {t} value": "参数 {a}：{x} 不是有效的 {t} 值",
    "--demo opens the GUI and cannot be combined with a command": "--demo 用于打开图形界面，不能与子命令同时使用",
    "shopdesk — one desk for Taobao/Tmall, JD, Pinduoduo and Douyin operations.": "shopdesk —— 淘宝/天猫、京东、拼多多、抖音店铺运营的统一工作台。",
    "database file or postgresql:// URL (default: SHOPDESK_DB or the user data folder)": "数据库文件或 postgresql:// 地址（默认：环境变量 SHOPDESK_DB 或用户数据目录）",
    "open the GUI on a generated demo database": "用生成的演示数据库打开图形界面",
    "language of messages and the GUI": "提示信息和界面的语言",
    "write a demo database": "生成演示数据库",
    "file to write": "要写入的文件",
    "overwrite PATH if it exists": "文件已存在时覆盖",
    "Cannot open the database: {reason}": "无法打开数据库：{reason}",
    # import
    "import platform export files": "导入平台导出的文件",
    "skip detection: the files are from this platform": "不自动识别：这些文件来自此平台",
    "the shop the files belong to": "文件所属的店铺",
    "ask for the password of encrypted ZIP files (never stored)": "询问加密 ZIP 文件的密码（不会保存）",
    "list past imports": "列出导入记录",
    "print the result as JSON": "以 JSON 输出结果",
    "undo one import": "撤销一次导入",
    "ZIP password: ": "ZIP 密码：",
    "✗ {name}: refused — {message}": "✗ {name}：未导入 —— {message}",
    "✓ {name} ({label}, shop {shop}, import #{batch}): {message}": "✓ {name}（{label}，店铺 {shop}，导入 #{batch}）：{message}",
    "    row {row}: {reason}": "    第 {row} 行：{reason}",
    "    … and {n} more rejected rows": "    …… 另有 {n} 行被拒",
    "undone": "已撤销",
    "Import #{batch} ({name}) was undone.": "导入 #{batch}（{name}）已撤销。",
    "{name} does not look like any {platform} export shopdesk knows (columns found: {columns}).": "{name} 不像 shopdesk 认识的任何{platform}导出文件（找到的列：{columns}）。",
    "{name} does not look like a platform export shopdesk knows (columns found: {columns}). "
    "Export orders, traffic, keywords, listings or reviews from the platform back-end.": "{name} 不像 shopdesk 认识的平台导出文件（找到的列：{columns}）。请从平台后台导出订单、流量、关键词、商品或评价报表。",
    "{name} could be a {first} or a {second} export (the columns are the same): choose the platform "
    "it comes from (on the command line: --platform).": "{name} 既可能是{first}，也可能是{second}（列完全相同）：请选择它来自哪个平台（命令行：--platform）。",
    "The file is not a text export (it contains binary data).": "该文件不是文本导出文件（含有二进制数据）。",
    "The file's encoding cannot be read (not UTF-8, GBK/GB18030 or UTF-16). Export it again from the "
    "platform without opening it in another program.": "无法识别文件编码（不是 UTF-8、GBK/GB18030 或 UTF-16）。请从平台重新导出，导出后不要用其他程序打开再保存。",
    "Column {column} holds numbers like 1.23E+17: the file was opened and saved in Excel, which destroys "
    "the last digits of IDs. Export it again from the platform and import that file without opening it.": "“{column}”列出现了 1.23E+17 这样的数字：文件被 Excel 打开并保存过，编号的末几位已经丢失。"
    "请从平台重新导出，不要打开，直接导入。",
    "Column {column} has dates like 2026/9/22 10:11 where the platform writes 2026-09-22 10:11:12: the "
    "file was re-saved in Excel. Export it again from the platform and import that file without opening it.": "“{column}”列的日期是 2026/9/22 10:11 这种格式，而平台导出的是 2026-09-22 10:11:12：文件被 Excel "
    "另存过。请从平台重新导出，不要打开，直接导入。",
    "not an amount of money": "不是有效的金额",
    "not a whole number": "不是整数",
    "not a date and time": "不是有效的日期时间",
    "not a percentage": "不是有效的百分比",
    "{column}: {reason} ({value!r})": "{column}：{reason}（{value!r}）",
    "the item ID is empty": "商品 ID 为空",
    "the title is empty": "标题为空",
    "the order status is empty": "订单状态为空",
    "unknown order status: map it in Settings → Order status mapping, then import again": "未知的订单状态：请在 设置 → 订单状态映射 中设置后重新导入",
    "another row of the same order was rejected": "同一订单的其他行有错误，整单未导入",
    "The file has no 支付完成时间 column: the submit time was used as the paid time.": "文件中没有“支付完成时间”列：已用订单提交时间作为付款时间。",
    "the order number is empty": "订单号为空",
    "the paid amount is empty": "实付金额为空",
    "the quantity is empty": "数量为空",
    "the keyword is empty": "关键词为空",
    "the date is empty": "日期为空",
    "{name} does not say which days it covers (no 统计时间 line and no date column): export it again "
    "with its title rows.": "{name} 没有说明统计的是哪几天（没有“统计时间”行，也没有日期列）：请连同表头上方的标题行重新导出。",
    "not a rating from 1 to 5": "不是 1 到 5 的评分",
    "{n} repeated rows were merged (the last one counts).": "有 {n} 行重复，已合并（以最后一行为准）。",
    "{name} has no date column and covers several days: export the report by day (按日明细) so each "
    "day's figures can be kept.": "{name} 没有日期列且覆盖多天：请按日导出（按日明细），才能保存每天的数据。",
    "The workbook {name} cannot be read.": "无法读取工作簿 {name}。",
    "The header of {name} cannot be decoded: {reason}": "无法解码 {name} 的表头：{reason}",
    "{name} cannot be read as a table: {reason}": "无法把 {name} 读成表格：{reason}",
    "The workbook {name} cannot be read: {reason}": "无法读取工作簿 {name}：{reason}",
    "{name} is not a readable ZIP file.": "{name} 不是可读取的 ZIP 文件。",
    "{name} is protected by a password (JD sends it by SMS).": "{name} 有密码保护（京东会通过短信发送密码）。",
    "The password for {name} is wrong.": "{name} 的密码不正确。",
    "{name} uses AES encryption, which this version cannot open.": "{name} 使用 AES 加密，当前版本无法打开。",
    "No known column header was found: this is not a platform export shopdesk knows. Check that you "
    "exported orders, traffic, keywords, listings or reviews.": "没有找到可识别的表头：这不是 shopdesk 认识的平台导出文件。请确认导出的是订单、流量、关键词、商品或评价报表。",
    "{path} does not exist or is not a file.": "{path} 不存在或不是文件。",
    "Reading {name}": "正在读取 {name}",
    "Writing to the database": "正在写入数据库",
    "{name} could not be read ({error}). Nothing from it was imported; the log has the details.": "无法读取 {name}（{error}）。该文件没有导入任何内容，详情见日志。",
    "{added} added, {updated} updated, {unchanged} unchanged, {rejected} rejected": "新增 {added}，更新 {updated}，未变 {unchanged}，拒绝 {rejected}",
    "unknown statuses: {statuses}": "未知状态：{statuses}",
    "There is no import #{batch}.": "没有编号为 #{batch} 的导入。",
    "Import #{batch} was already undone.": "导入 #{batch} 已经撤销过了。",
    "Import #{batch} cannot be undone yet: later imports ({later}) changed the same orders. Undo those "
    "first, newest first.": "暂时不能撤销导入 #{batch}：之后的导入（{later}）修改了相同的订单。请先从最新的开始撤销它们。",
    "{label} files cannot be imported yet.": "暂不支持导入{label}文件。",
    "{name} mixes exports of several platforms.": "{name} 混合了多个平台的导出数据。",
    "There are several {platform} shops ({shops}) and the file does not say which one it is from: choose "
    "the shop it belongs to (on the command line: --shop NAME).": "{platform}有多个店铺（{shops}），文件中没有写明属于哪个店铺：请选择所属店铺（命令行：--shop 店铺名）。",
    "expected {expected} columns, found {found}": "应有 {expected} 列，实际 {found} 列",
    "{n} platform categories are not mapped to your categories yet (Settings → Category mapping)": "有 {n} 个平台类目还没有对应到你的类目（设置 → 类目映射）",
    "The same file as import #{batch}: {unchanged} unchanged, {rejected} rejected, nothing to change.": "与导入 #{batch} 完全相同的文件：未变 {unchanged}，拒绝 {rejected}，无需更改。",
    # KPIs (commands/metrics.py)
    "KPIs for a range of days": "某一日期范围的经营指标",
    "period size": "统计周期",
    "only this platform": "只看该平台",
    "{value} is not a date like 2026-11-02": "{value} 不是日期（格式如 2026-11-02）",
    "--to ({end}) is before --from ({start}).": "--to（{end}）早于 --from（{start}）。",
    "period\tplatform\tGMV\tnet sales\torders\tbuyers\tvisitors\tconversion\tAOV\trepeat rate\tshare": "周期\t平台\tGMV\t净销售额\t订单数\t买家数\t访客数\t转化率\t客单价\t复购率\t占比",
    # Reports (commands/report.py)
    "{value} is not an ISO week like 2026-W45": "{value} 不是 ISO 周（格式如 2026-W45）",
    "write a report workbook": "生成报表工作簿",
    "the weekly cross-platform report (.xlsx)": "跨平台运营数据简报（周报，.xlsx）",
    "ISO week": "ISO 周",
    "{path}: the report is an Excel workbook; give a file name ending in .xlsx.": "{path}：报表是 Excel 工作簿，请给出以 .xlsx 结尾的文件名。",
    "No orders in {week} or the week before: the report is empty.": "{week} 及上一周都没有订单数据：报表是空的。",
    "Weekly report {week} written to {path}": "{week} 周报已写入 {path}",
}
