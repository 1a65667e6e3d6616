"""Shops, products, SKUs and listings of the demo merchant 青禾.

About 300 products in five categories, 1–4 SKUs each, listed on most shops
with titles in each platform's style. On purpose, ~5 % of titles carry a
deny-listed word, ~5 % are too long and a few are duplicated within a shop, so
the title checks have something to find.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from shopdesk.services.demo import words
from shopdesk.services.demo.context import PLATFORMS, DemoContext

SHOPS_PER_PLATFORM = {"taobao": 3, "jd": 2, "pdd": 2, "douyin": 3}
SHOP_WEIGHTS = {2: (0.65, 0.35), 3: (0.55, 0.3, 0.15)}
PRODUCTS_PER_CATEGORY = {"BED": 80, "APP": 70, "BATH": 45, "KIT": 60, "HOME": 45}
TITLE_LIMIT = {"taobao": 60, "jd": 90, "pdd": 60, "douyin": 60}  # units, CJK = 2
PRICE_FACTOR = {"taobao": (1.0, 1.0), "jd": (1.0, 1.05), "pdd": (0.85, 0.95), "douyin": (0.9, 1.0)}


@dataclass(slots=True)
class ShopInfo:
    id: int
    platform: str
    name: str
    weight: float  # share of its platform's sales


@dataclass(slots=True)
class SkuInfo:
    id: int
    code: str
    spec: str  # 颜色分类:雾霾蓝;适用床尺寸:1.8m床
    short_spec: str  # 雾霾蓝;1.8m床 (PDD / Douyin style)
    price_fen: int


@dataclass(slots=True)
class ProductInfo:
    id: int
    outer_id: str
    name: str
    word: str
    material: str
    category: words.Category
    popularity: float
    skus: list[SkuInfo] = field(default_factory=list)


@dataclass(slots=True)
class ListingInfo:
    id: int
    shop: ShopInfo
    product: ProductInfo
    item_id: str
    title: str
    price_factor: float
    weight: float  # share of the shop's sales


@dataclass
class Catalog:
    shops: list[ShopInfo]
    products: list[ProductInfo]
    listings: list[ListingInfo]

    by_shop: dict[int, list[ListingInfo]] = field(default_factory=dict)

    def listings_of(self, shop_id: int) -> list[ListingInfo]:
        """The shop's listings (a fresh list, in id order)."""
        if not self.by_shop:
            for lst in self.listings:
                self.by_shop.setdefault(lst.shop.id, []).append(lst)
        return list(self.by_shop.get(shop_id, ()))


def title_units(text: str) -> int:
    """Title length as the platforms count it: CJK (non-ASCII) 2, ASCII 1."""
    return sum(1 if ord(ch) < 128 else 2 for ch in text)


def _yuan_to_price_fen(yuan: float) -> int:
    if yuan >= 30:
        return (int(yuan) // 10 * 10 + 9) * 100
    return int(yuan) * 100 + 90


def _ean13(ctx: DemoContext) -> str:
    body = ctx.digits(12, "69")
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body))
    return body + str((10 - total % 10) % 10)


def _write_shops(ctx: DemoContext) -> list[ShopInfo]:
    shops, rows = [], []
    for platform in PLATFORMS:
        n = SHOPS_PER_PLATFORM[platform]
        for name, weight in zip(words.SHOPS[platform][:n], SHOP_WEIGHTS[n], strict=True):
            shop = ShopInfo(len(shops) + 1, platform, name, weight)
            shops.append(shop)
            rows.append((shop.id, platform, name, ctx.digits(9, "1"), ctx.stamp, ctx.stamp))
    ctx.insert("shop", ("id", "platform", "name", "platform_shop_id", "created_at", "updated_at"), rows)
    return shops


def _write_products(ctx: DemoContext) -> list[ProductInfo]:
    rng = ctx.rng
    products: list[ProductInfo] = []
    product_rows, sku_rows = [], []
    sku_id = 0
    for category in words.CATEGORIES:
        seen: set[str] = set()
        for n in range(1, PRODUCTS_PER_CATEGORY[category.code] + 1):
            while True:
                word = category.words[rng.randrange(len(category.words))]
                material = rng.choice(category.materials)
                if material in word:
                    material = ""
                name = f"{rng.choice(words.SERIES)}{material}{word}"
                if name not in seen:
                    seen.add(name)
                    break
            low, high = category.price
            base = low * (high / low) ** rng.random()
            product = ProductInfo(
                id=len(products) + 1,
                outer_id=f"QH-{category.code}-{n:04d}",
                name=name,
                word=word,
                material=material,
                category=category,
                popularity=rng.paretovariate(1.3),
            )
            products.append(product)
            product_rows.append(
                (product.id, product.outer_id, name, words.BRAND, category.name,
                 int(base * rng.uniform(0.35, 0.55)) * 100, None, ctx.stamp, ctx.stamp)
            )  # fmt: skip
            n_skus = rng.choices((1, 2, 3, 4), weights=(20, 35, 30, 15))[0]
            size_names = words.WORD_SIZES.get(word, category.sizes)
            label = "规格" if word in words.WORD_SIZES else category.size_label
            sizes = sorted(rng.sample(range(len(size_names)), min(n_skus, len(size_names))))
            colors = rng.sample(category.colors, n_skus)
            for k in range(n_skus):
                size_i = sizes[k % len(sizes)]
                size = size_names[size_i]
                price_fen = _yuan_to_price_fen(base * (1 + 0.15 * size_i))
                sku_id += 1
                sku = SkuInfo(
                    sku_id,
                    f"{product.outer_id}-{k + 1:02d}",
                    f"颜色分类:{colors[k]};{label}:{size}",
                    f"{colors[k]};{size}",
                    price_fen,
                )
                product.skus.append(sku)
                stock = 0 if rng.random() < 0.05 else rng.randrange(5, 800)
                sku_rows.append(
                    (sku.id, product.id, sku.code, sku.spec, price_fen, stock, _ean13(ctx), ctx.stamp,
                     ctx.stamp)
                )  # fmt: skip
    ctx.insert(
        "product",
        ("id", "outer_id", "name", "brand", "category", "cost_fen", "note", "created_at", "updated_at"),
        product_rows,
    )
    ctx.insert(
        "sku",
        ("id", "product_id", "sku_code", "spec_text", "price_fen", "stock", "barcode", "created_at",
         "updated_at"),
        sku_rows,
    )  # fmt: skip
    return products


def make_title(ctx: DemoContext, platform: str, product: ProductInfo, defect: str | None) -> str:
    """Brand + keywords + product word + spec, within the platform's limit unless
    ``defect`` is 'banned' (a deny-listed word inside) or 'long' (over the limit)."""
    rng = ctx.rng
    category = product.category
    size = product.skus[0].spec.rsplit(":", 1)[1]
    keywords = rng.sample(category.keywords, rng.randint(2, 4))
    keywords = [kw for kw in keywords if kw not in product.word and kw not in product.material]
    if rng.random() < 0.2:
        keywords.insert(0, f"{ctx.today.year}新款")
    banned = rng.choice(words.BANNED) if defect == "banned" else None
    sep = " " if platform == "jd" else ""
    if platform == "jd":
        head = [words.BRAND, *([product.material] if product.material else []), product.word]
    else:
        head = [words.BRAND, product.material + product.word]
    reserve = title_units(banned) + len(sep) if banned else 0
    while keywords and title_units(sep.join([*head, *keywords, size])) + reserve > 60:
        keywords.pop()
    if banned:
        keywords.insert(rng.randrange(len(keywords) + 1), banned)
    parts = [*head, *keywords, size]
    title = sep.join(parts)
    if defect == "long":
        fillers = list(words.LONG_FILLER)
        rng.shuffle(fillers)
        over = TITLE_LIMIT[platform]
        while title_units(title) <= over and fillers:
            parts.insert(-1, fillers.pop())
            title = sep.join(parts)
    return title


def _item_id(ctx: DemoContext, platform: str, used: set[str]) -> str:
    while True:
        if platform == "taobao":
            item_id = ctx.digits(12, ctx.rng.choice("67"))
        elif platform == "jd":
            item_id = ctx.digits(ctx.rng.choice((10, 11, 12, 13)), "100")
        elif platform == "pdd":
            item_id = ctx.digits(ctx.rng.choice((9, 10, 11, 12, 12, 12)), "5")
        else:
            item_id = ctx.digits(19, "36")
        if item_id not in used:
            used.add(item_id)
            return item_id


def _write_listings(
    ctx: DemoContext, shops: list[ShopInfo], products: list[ProductInfo]
) -> list[ListingInfo]:
    rng = ctx.rng
    listings: list[ListingInfo] = []
    rows = []
    used: set[str] = set()
    batch = ctx.batches["listings"]
    for shop in shops:
        carry = 0.85 if shop.weight >= 0.5 else 0.7 if shop.weight >= 0.3 else 0.55
        kitchen_only = "厨" in shop.name
        titles: list[str] = []
        for product in products:
            if kitchen_only and product.category.code != "KIT":
                continue
            if not kitchen_only and rng.random() > carry:
                continue
            roll = rng.random()
            defect = "banned" if roll < 0.05 else "long" if roll < 0.10 else None
            title = make_title(ctx, shop.platform, product, defect)
            if titles and rng.random() < 0.01:
                title = rng.choice(titles)  # a duplicate within the shop
            titles.append(title)
            low, high = PRICE_FACTOR[shop.platform]
            factor = rng.uniform(low, high)
            on_sale = rng.random() > 0.07
            listing = ListingInfo(
                len(listings) + 1,
                shop,
                product,
                _item_id(ctx, shop.platform, used),
                title,
                factor,
                product.popularity * rng.lognormvariate(0, 0.4) * (1.0 if on_sale else 0.03),
            )
            listings.append(listing)
            min_price = min(sku.price_fen for sku in product.skus)
            short = None
            if shop.platform == "jd":
                short = f"{words.BRAND} {product.word} {product.skus[0].short_spec.split(';')[1]}"
            elif shop.platform == "pdd":
                short = f"{words.BRAND}{product.material}{product.word}"
            images = [f"images/{product.outer_id}/{shop.platform}/main_{i}.jpg" for i in range(1, 5)]
            images.append(f"images/{product.outer_id}/{shop.platform}/white_bg.jpg")
            rows.append(
                (listing.id, shop.id, product.id, listing.item_id, title, short,
                 "，".join(rng.sample(words.SELLING_POINTS, 3)), json.dumps(images),
                 product.category.platform_category[shop.platform], product.category.name,
                 round(min_price * factor / 10) * 10, rng.randrange(0, 2000),
                 "on_sale" if on_sale else "off_shelf", batch, ctx.stamp, ctx.stamp)
            )  # fmt: skip
    ctx.insert(
        "listing",
        ("id", "shop_id", "product_id", "platform_item_id", "title", "short_title", "selling_points",
         "main_images", "platform_category", "category", "price_fen", "stock", "status", "batch_id",
         "created_at", "updated_at"),
        rows,
    )  # fmt: skip
    return listings


def build_catalog(ctx: DemoContext) -> Catalog:
    shops = _write_shops(ctx)
    products = _write_products(ctx)
    listings = _write_listings(ctx, shops, products)
    return Catalog(shops, products, listings)
