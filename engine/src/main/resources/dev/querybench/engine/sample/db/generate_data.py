#!/usr/bin/env python3
"""Deterministic data generator for the QueryBench sample workspace database.

Domain: "Ridgeline Cycles & Outdoor", a small chain of bike and outdoor-gear
stores. Writes data.sql (next to this script) as portable multi-row INSERT
statements matching schema.sql. Re-running always produces byte-identical output.

    python3 generate_data.py            # writes ./data.sql
    python3 generate_data.py out.sql    # writes out.sql
"""

import datetime as dt
import os
import sys
from decimal import Decimal, ROUND_HALF_UP

import random

RNG = random.Random(42)

DATA_START = dt.date(2023, 1, 1)
DATA_END = dt.date(2025, 12, 31)
MAX_ROWS_PER_INSERT = 200

CENT = Decimal("0.01")


def money(x):
    return Decimal(x).quantize(CENT, rounding=ROUND_HALF_UP)


def rand_date(start, end):
    span = (end - start).days
    return start + dt.timedelta(days=RNG.randint(0, span))


# ---------------------------------------------------------------------------
# Reference data (hand-written for this project)
# ---------------------------------------------------------------------------

REGIONS = [
    (1, "Pacific Northwest"),
    (2, "California"),
    (3, "Mountain West"),
    (4, "Desert Southwest"),
    (5, "Great Lakes"),
]

# store_id, store_name, city, state, region_id, opened_date, square_feet
STORES = [
    (1, "Ridgeline Seattle Flagship", "Seattle", "WA", 1, "2014-04-12", 18500),
    (2, "Ridgeline Portland Pearl", "Portland", "OR", 1, "2016-09-03", 12200),
    (3, "Ridgeline Spokane", "Spokane", "WA", 1, "2023-05-20", 8400),
    (4, "Ridgeline San Francisco", "San Francisco", "CA", 2, "2015-03-28", 9800),
    (5, "Ridgeline Sacramento", "Sacramento", "CA", 2, "2019-06-15", 11000),
    (6, "Ridgeline Pasadena", "Pasadena", "CA", 2, "2021-10-02", 10400),
    (7, "Ridgeline Denver Union", "Denver", "CO", 3, "2013-08-17", 16000),
    (8, "Ridgeline Boulder", "Boulder", "CO", 3, "2018-04-07", 9100),
    (9, "Ridgeline Salt Lake City", "Salt Lake City", "UT", 3, "2020-02-29", 13300),
    (10, "Ridgeline Phoenix", "Phoenix", "AZ", 4, "2017-11-11", 14700),
    (11, "Ridgeline Tucson", "Tucson", "AZ", 4, "2024-03-09", 7600),
    (12, "Ridgeline Minneapolis", "Minneapolis", "MN", 5, "2019-05-04", 12800),
    (13, "Ridgeline Madison", "Madison", "WI", 5, "2022-08-27", 8900),
]

# Extra customer home cities per region: (city, state)
REGION_CITIES = {
    1: [("Seattle", "WA"), ("Portland", "OR"), ("Spokane", "WA"), ("Tacoma", "WA"),
        ("Bellingham", "WA"), ("Eugene", "OR"), ("Bend", "OR")],
    2: [("San Francisco", "CA"), ("Oakland", "CA"), ("Sacramento", "CA"), ("Pasadena", "CA"),
        ("San Jose", "CA"), ("Santa Cruz", "CA"), ("Long Beach", "CA")],
    3: [("Denver", "CO"), ("Boulder", "CO"), ("Fort Collins", "CO"), ("Salt Lake City", "UT"),
        ("Ogden", "UT"), ("Golden", "CO")],
    4: [("Phoenix", "AZ"), ("Tucson", "AZ"), ("Tempe", "AZ"), ("Flagstaff", "AZ"),
        ("Albuquerque", "NM")],
    5: [("Minneapolis", "MN"), ("St. Paul", "MN"), ("Madison", "WI"), ("Duluth", "MN"),
        ("Milwaukee", "WI")],
}
REGION_WEIGHTS = {1: 30, 2: 26, 3: 22, 4: 12, 5: 14}

FIRST_NAMES = [
    "Avery", "Jordan", "Priya", "Mateo", "Hannah", "Wei", "Olivia", "Marcus", "Sofia", "Ethan",
    "Imani", "Lucas", "Chloe", "Diego", "Nora", "Kenji", "Grace", "Samuel", "Leila", "Owen",
    "Maya", "Isaac", "Zoe", "Andre", "Ruby", "Tomas", "Aisha", "Caleb", "Elena", "Felix",
    "Hazel", "Jamal", "Ingrid", "Rohan", "Lucia", "Miles", "Naomi", "Theo", "Yara", "Declan",
    "Bianca", "Hugo", "Keira", "Nikhil", "Paige", "Rafael", "Sienna", "Victor", "Willa", "Amir",
    "Beatrix", "Colin", "Dahlia", "Emmett", "Freya", "Gideon", "Harper", "Ivan", "June", "Kofi",
]
LAST_NAMES = [
    "Alvarez", "Bennett", "Chen", "Dubois", "Eriksen", "Fitzgerald", "Garcia", "Hollis", "Iwata",
    "Jensen", "Kowalski", "Lindqvist", "Moreau", "Nakamura", "Okafor", "Patel", "Quinlan",
    "Rasmussen", "Santos", "Thornton", "Ueda", "Vasquez", "Whitaker", "Xu", "Yamada", "Zielinski",
    "Abernathy", "Brennan", "Castellano", "Delacroix", "Ellison", "Falk", "Greer", "Haddad",
    "Ibarra", "Jovanovic", "Keller", "Laurent", "McAllister", "Novak", "O'Brien", "Pereira",
    "Reyes", "Sandoval", "Tanaka", "Underwood", "Voss", "Wainwright", "Yilmaz", "Zhou",
]

# supplier_id, name, country, contact_email (None = unknown), lead_time_days
SUPPLIERS = [
    (1, "Cascadia Frameworks", "USA", "orders@cascadiaframeworks.example", 21),
    (2, "Velotech Components", "Taiwan", "sales@velotech.example", 45),
    (3, "Alpenglow Outfitters", "Austria", "b2b@alpenglow.example", 35),
    (4, "Northbound Apparel Co.", "Canada", "wholesale@northbound.example", 18),
    (5, "Summitline Gear", "USA", None, 14),
    (6, "Kestrel E-Mobility", "Germany", "dealers@kestrel-em.example", 60),
    (7, "Granite Peak Climbing", "USA", "trade@granitepeak.example", 12),
    (8, "Harbor Textile Works", "Vietnam", None, 50),
    (9, "TrailFuel Foods", "USA", "orders@trailfuel.example", 7),
    (10, "Shieldcraft Safety", "Italy", "export@shieldcraft.example", 40),
    (11, "Ridgecrest Hydration", "USA", "hello@ridgecrest.example", 10),
    (12, "Nordlys Camping AB", "Sweden", None, 42),
    (13, "Pacific Rim Cycle Parts", "Japan", "intl@pacrimparts.example", 30),
    (14, "Blue Mesa Trading", "Mexico", "ventas@bluemesa.example", 25),
]

# category_id, category_name, department
CATEGORIES = [
    (1, "Road Bikes", "Bikes"),
    (2, "Mountain Bikes", "Bikes"),
    (3, "Electric Bikes", "Bikes"),
    (4, "Helmets & Protection", "Cycling"),
    (5, "Cycling Apparel", "Cycling"),
    (6, "Bike Components", "Cycling"),
    (7, "Camping Gear", "Outdoor"),
    (8, "Climbing Gear", "Outdoor"),
    (9, "Hydration & Packs", "Outdoor"),
    (10, "Trail Nutrition", "Outdoor"),
]

# Per category: list of (product_name, list price, supplier_id, popularity weight)
PRODUCTS_BY_CATEGORY = {
    1: [
        ("Tarmac Drift 105 Road Bike", "1899.00", 1, 3),
        ("Coastline Endurance Alloy", "1249.00", 1, 4),
        ("Aerovane Carbon Disc", "3499.00", 13, 1),
        ("Gravel Runner GRX 600", "2199.00", 1, 3),
        ("Citylane Commuter 8", "749.00", 13, 5),
        ("Hillclimber SL Carbon", "4299.00", 13, 1),
        ("Velodrome Track Single", "999.00", 1, 1),
        ("Audax Steel Tourer", "1599.00", 1, 2),
    ],
    2: [
        ("Switchback 29 Hardtail", "1099.00", 1, 5),
        ("Ridgeback Trail 140", "2899.00", 1, 3),
        ("Scree Enduro 170", "3799.00", 13, 2),
        ("Junior Rocket 24", "449.00", 13, 4),
        ("Fatpack Snow Rover", "1699.00", 1, 1),
        ("Dirt Jumper DJ1", "899.00", 13, 1),
        ("Cross Country Sprint 100", "2499.00", 1, 2),
    ],
    3: [
        ("Kestrel Urban E-Commuter", "2799.00", 6, 3),
        ("Kestrel Trail E-MTB 150", "5499.00", 6, 2),
        ("Cargo Hauler E-Longtail", "4699.00", 6, 1),
        ("Foldaway E-Compact", "1899.00", 6, 2),
        ("Voltstream Gravel E", "3999.00", 6, 1),
    ],
    4: [
        ("Aeroshell Road Helmet", "189.00", 10, 6),
        ("Trailguard MIPS Helmet", "149.00", 10, 8),
        ("Kids Sprout Helmet", "49.00", 10, 5),
        ("Full Face Downhill Helmet", "299.00", 10, 2),
        ("Knee Guard Pro Pair", "79.00", 10, 3),
        ("Elbow Guard Lite Pair", "59.00", 10, 2),
        ("Commuter Reflective Vest", "34.00", 8, 4),
    ],
    5: [
        ("Merino Base Layer Jersey", "89.00", 4, 7),
        ("Pro Fit Bib Shorts", "129.00", 4, 6),
        ("Windbreaker Packable Shell", "109.00", 4, 5),
        ("Thermal Winter Gloves", "45.00", 8, 6),
        ("Summer Mesh Gloves", "29.00", 8, 7),
        ("Padded Liner Shorts", "59.00", 8, 5),
        ("Clipless Road Shoes", "179.00", 4, 3),
        ("Flat Pedal Trail Shoes", "139.00", 4, 4),
        ("Wool Cycling Socks 3-Pack", "32.00", 8, 9),
        ("Rain Cape Deluxe", "95.00", 4, 1),
    ],
    6: [
        ("Tubeless Tire 29x2.4", "74.00", 2, 8),
        ("Road Tire 700x28", "59.00", 2, 9),
        ("Inner Tube 2-Pack", "16.00", 2, 12),
        ("12-Speed Chain", "49.00", 2, 6),
        ("Hydraulic Disc Brake Set", "219.00", 13, 3),
        ("Carbon Handlebar 780mm", "149.00", 13, 2),
        ("Dropper Seatpost 150mm", "279.00", 2, 3),
        ("Clipless Pedal Set", "119.00", 2, 4),
        ("Floor Pump with Gauge", "54.00", 2, 7),
        ("Mini Multi-Tool 16-in-1", "29.00", 2, 10),
        ("Rechargeable Light Set", "84.00", 13, 8),
        ("Wheelset Alloy 700c", "499.00", 13, 1),
    ],
    7: [
        ("Basecamp 4 Person Tent", "429.00", 12, 4),
        ("Ultralight 2 Person Tent", "379.00", 12, 5),
        ("Down Sleeping Bag 20F", "319.00", 12, 4),
        ("Synthetic Sleeping Bag 35F", "139.00", 3, 5),
        ("Inflatable Sleeping Pad", "119.00", 3, 6),
        ("Backpacking Stove Kit", "89.00", 5, 6),
        ("Titanium Cook Pot 900ml", "64.00", 5, 5),
        ("Camp Chair Compact", "79.00", 5, 7),
        ("Headlamp 400 Lumen", "44.00", 5, 10),
        ("Water Filter Squeeze", "39.00", 5, 8),
        ("Bear Canister 7L", "84.00", 5, 2),
        ("Expedition Tarp 3x4m", "99.00", 14, 2),
    ],
    8: [
        ("Dynamic Rope 9.8mm 60m", "239.00", 7, 3),
        ("Sport Climbing Harness", "69.00", 7, 5),
        ("Bouldering Shoes Edge", "159.00", 3, 5),
        ("Chalk Bag with Belt", "24.00", 7, 7),
        ("Locking Carabiner Set", "49.00", 7, 5),
        ("Quickdraw 6-Pack", "119.00", 7, 3),
        ("Crash Pad Tall Boy", "249.00", 7, 2),
        ("Belay Device Assisted", "109.00", 3, 3),
        ("Climbing Helmet Vent", "89.00", 10, 3),
    ],
    9: [
        ("Hydration Pack 12L", "109.00", 11, 7),
        ("Hydration Bladder 3L", "39.00", 11, 8),
        ("Insulated Bottle 750ml", "34.00", 11, 11),
        ("Daypack 28L", "129.00", 3, 6),
        ("Frame Bag Medium", "74.00", 11, 4),
        ("Saddle Bag Bikepacking", "139.00", 11, 3),
        ("Trekking Backpack 55L", "249.00", 3, 4),
        ("Waist Pack Trail 5L", "59.00", 14, 4),
    ],
    10: [
        ("Energy Gel Box of 24", "42.00", 9, 9),
        ("Electrolyte Drink Mix Tub", "28.00", 9, 10),
        ("Protein Recovery Bar 12-Pack", "31.00", 9, 8),
        ("Trail Mix Sampler", "19.00", 9, 7),
        ("Freeze-Dried Meal Variety 6", "54.00", 14, 5),
        ("Caffeinated Chews 10-Pack", "22.00", 9, 6),
    ],
}
CATEGORY_SKU = {1: "RB", 2: "MB", 3: "EB", 4: "HP", 5: "AP", 6: "CP", 7: "CG", 8: "CL", 9: "HY", 10: "NU"}
COST_RATIO = {1: (0.58, 0.66), 2: (0.58, 0.66), 3: (0.62, 0.70), 4: (0.45, 0.55), 5: (0.38, 0.50),
              6: (0.45, 0.58), 7: (0.48, 0.58), 8: (0.45, 0.55), 9: (0.45, 0.55), 10: (0.40, 0.52)}

# Products that are never sold: launched right before the data horizon, or
# delisted ones that never sold (names, for clarity).
UPCOMING_PRODUCTS = {"Voltstream Gravel E", "Rain Cape Deluxe", "Expedition Tarp 3x4m"}
DELISTED_UNSOLD = {"Velodrome Track Single", "Dirt Jumper DJ1"}
DELISTED_SOLD = {"Fatpack Snow Rover", "Elbow Guard Lite Pair", "Bear Canister 7L"}

RETURN_REASONS = ["wrong size", "defective", "changed mind", "damaged in transit", "not as described"]
CARRIERS = ["UPS", "FedEx", "USPS"]


# ---------------------------------------------------------------------------
# Generation
# ---------------------------------------------------------------------------

def make_email(first, last, domain, used):
    base = (first + "." + last).lower().replace("'", "").replace(" ", "")
    email = base + "@" + domain
    n = 2
    while email in used:
        email = "%s%d@%s" % (base, n, domain)
        n += 1
    used.add(email)
    return email


def gen_employees():
    employees = []  # dicts
    used_emails = set()
    next_id = [1]

    def add(first, last, title, store_id, manager_id, hire_date, salary, termination=None):
        emp = dict(employee_id=next_id[0], first_name=first, last_name=last,
                   email=make_email(first, last, "ridgeline.example", used_emails),
                   job_title=title, store_id=store_id, manager_id=manager_id,
                   hire_date=hire_date, termination_date=termination, salary=money(salary))
        next_id[0] += 1
        employees.append(emp)
        return emp

    def person():
        return RNG.choice(FIRST_NAMES), RNG.choice(LAST_NAMES)

    ceo = add("Margaret", "Holloway", "Chief Executive Officer", None, None, dt.date(2012, 2, 1), "245000.00")
    add("Devon", "Achterberg", "E-commerce Manager", None, ceo["employee_id"], dt.date(2019, 7, 15), "132000.00")
    add("Rosalind", "Kimura", "Merchandise Buyer", None, ceo["employee_id"], dt.date(2017, 1, 9), "98500.00")

    regional = {}
    regional_salary = {1: "141000.00", 2: "146500.00", 3: "138000.00", 4: "127500.00", 5: "131000.00"}
    for region_id, _ in REGIONS:
        f, l = person()
        regional[region_id] = add(f, l, "Regional Manager", None, ceo["employee_id"],
                                  rand_date(dt.date(2013, 1, 1), dt.date(2020, 12, 31)),
                                  regional_salary[region_id])

    store_staff = {}  # store_id -> list of employee dicts that can take orders
    for store in STORES:
        store_id, _, _, _, region_id, opened, sqft = store
        opened_d = dt.date.fromisoformat(opened)
        f, l = person()
        mgr_hire = opened_d - dt.timedelta(days=RNG.randint(30, 120))
        mgr = add(f, l, "Store Manager", store_id, regional[region_id]["employee_id"], mgr_hire,
                  money(78000 + sqft * 1.2 + RNG.randint(0, 40) * 100))
        staff = [mgr]
        n_assoc = 2 + sqft // 5000 + RNG.randint(0, 1)
        for i in range(n_assoc):
            f, l = person()
            title = "Bike Mechanic" if i == 0 else "Sales Associate"
            earliest = max(opened_d - dt.timedelta(days=60), dt.date(2012, 1, 1))
            hire = rand_date(earliest, dt.date(2025, 6, 30))
            if RNG.random() < 0.5:
                hire = rand_date(earliest, max(earliest, min(dt.date(2023, 6, 30), dt.date(2025, 6, 30))))
            base = 52000 if title == "Bike Mechanic" else 41000
            term = None
            if title == "Sales Associate" and RNG.random() < 0.15:
                t_start = max(hire + dt.timedelta(days=120), DATA_START)
                if t_start < dt.date(2025, 9, 30):
                    term = rand_date(t_start, dt.date(2025, 9, 30))
            staff.append(add(f, l, title, store_id, mgr["employee_id"], hire,
                             money(base + RNG.randint(0, 60) * 250), term))
        store_staff[store_id] = staff
    return employees, store_staff


def gen_customers():
    customers = []
    used_emails = set()
    domains = ["mailbox.example", "inbox.example", "webmail.example", "post.example"]
    regions = [r for r, _ in REGIONS]
    weights = [REGION_WEIGHTS[r] for r in regions]
    tiers = ["bronze", "silver", "gold"]
    for cid in range(1, 321):
        first, last = RNG.choice(FIRST_NAMES), RNG.choice(LAST_NAMES)
        region_id = RNG.choices(regions, weights)[0]
        city, state = RNG.choice(REGION_CITIES[region_id])
        # signups spread from mid-2022 to late 2025, growing over time
        if RNG.random() < 0.3:
            signup = rand_date(dt.date(2022, 6, 1), dt.date(2022, 12, 31))
        else:
            signup = rand_date(dt.date(2023, 1, 1), dt.date(2025, 11, 30))
        phone = None
        if RNG.random() > 0.27:
            phone = "%03d-555-%04d" % (RNG.choice([206, 503, 509, 415, 916, 626, 303, 720, 801, 602, 520, 612, 608]),
                                       RNG.randint(100, 9999))
        customers.append(dict(customer_id=cid, first_name=first, last_name=last,
                              email=make_email(first, last, RNG.choice(domains), used_emails),
                              phone=phone, city=city, state_code=state, region_id=region_id,
                              signup_date=signup, loyalty_tier=tiers[0], marketing_opt_in=1 if RNG.random() < 0.62 else 0,
                              _activity=RNG.choice([0.0] * 2 + [0.5] * 4 + [1.0] * 6 + [2.0] * 4 + [4.0] * 2)))
    return customers


def gen_products():
    products = []
    pid = 1
    for cat_id, _, _ in CATEGORIES:
        seq = 1
        for name, price, supplier_id, weight in PRODUCTS_BY_CATEGORY[cat_id]:
            price = money(price)
            lo, hi = COST_RATIO[cat_id]
            cost = money(price * Decimal(str(round(RNG.uniform(lo, hi), 3))))
            if name in UPCOMING_PRODUCTS:
                launch = rand_date(dt.date(2025, 12, 15), dt.date(2025, 12, 31))
                active = 1
            elif RNG.random() < 0.75:
                launch = rand_date(dt.date(2019, 1, 1), dt.date(2022, 12, 31))
                active = 1
            else:
                launch = rand_date(dt.date(2023, 1, 1), dt.date(2025, 6, 30))
                active = 1
            if name in DELISTED_UNSOLD or name in DELISTED_SOLD:
                active = 0
                launch = rand_date(dt.date(2019, 1, 1), dt.date(2021, 12, 31))
            products.append(dict(product_id=pid, sku="%s-%03d" % (CATEGORY_SKU[cat_id], seq * 10 + RNG.randint(0, 9)),
                                 product_name=name, category_id=cat_id, supplier_id=supplier_id,
                                 unit_price=price, unit_cost=cost, launch_date=launch, is_active=active,
                                 _weight=weight))
            pid += 1
            seq += 1
    return products


MONTH_WEIGHT = {1: 0.6, 2: 0.6, 3: 0.85, 4: 1.05, 5: 1.25, 6: 1.35, 7: 1.3, 8: 1.2, 9: 1.0, 10: 0.85, 11: 1.0, 12: 1.15}
YEAR_WEIGHT = {2023: 0.8, 2024: 1.0, 2025: 1.2}


def pick_order_date(lo):
    """Seasonal, growing order volume between lo and DATA_END."""
    while True:
        d = rand_date(lo, DATA_END)
        if RNG.random() < MONTH_WEIGHT[d.month] * YEAR_WEIGHT[d.year] / 1.7:
            return d


def gen_orders(customers, products, store_staff):
    stores_by_region = {}
    for s in STORES:
        stores_by_region.setdefault(s[4], []).append(s)
    sellable_base = [p for p in products
                     if p["product_name"] not in UPCOMING_PRODUCTS and p["product_name"] not in DELISTED_UNSOLD]

    active_customers = [c for c in customers if c["_activity"] > 0]
    cust_weights = [c["_activity"] for c in active_customers]

    orders, items, payments, shipments, returns = [], [], [], [], []
    raw = []
    for _ in range(1000):
        d = pick_order_date(DATA_START)
        eligible = [i for i, c in enumerate(active_customers) if c["signup_date"] <= d]
        i = RNG.choices(eligible, [cust_weights[i] for i in eligible])[0]
        raw.append((d, active_customers[i]))
    raw.sort(key=lambda t: (t[0], t[1]["customer_id"]))

    item_id = 1
    pay_id = 1
    ship_id = 1
    ret_id = 1
    for order_id, (d, c) in enumerate(raw, start=1):
        region_stores = [s for s in stores_by_region[c["region_id"]] if dt.date.fromisoformat(s[5]) <= d]
        # prefer a store in the customer's home city
        home = [s for s in region_stores if s[2] == c["city"]]
        if home and RNG.random() < 0.6:
            store = home[0]
        else:
            store = RNG.choices(region_stores, [s[6] for s in region_stores])[0]
        store_id = store[0]
        channel = "online" if RNG.random() < 0.36 else "in_store"
        employee_id = None
        if channel == "in_store":
            avail = [e for e in store_staff[store_id]
                     if e["hire_date"] <= d and (e["termination_date"] is None or e["termination_date"] > d)]
            w = [1 if e["job_title"] == "Store Manager" else (2 if e["job_title"] == "Bike Mechanic" else 4) for e in avail]
            employee_id = RNG.choices(avail, w)[0]["employee_id"]

        age = (DATA_END - d).days
        if RNG.random() < 0.04:
            status = "cancelled"
        elif channel == "online" and age <= 4:
            status = "processing"
        elif channel == "online" and age <= 12:
            status = "shipped"
        else:
            status = "completed"

        # items
        sellable = [p for p in sellable_base if p["launch_date"] <= d]
        n_items = RNG.choices([1, 2, 3, 4, 5], [34, 30, 20, 11, 5])[0]
        chosen = []
        while len(chosen) < n_items:
            p = RNG.choices(sellable, [p["_weight"] for p in sellable])[0]
            if p not in chosen:
                chosen.append(p)
        order_total = Decimal("0.00")
        order_items = []
        for p in chosen:
            if p["category_id"] in (1, 2, 3):
                qty = 1
            else:
                qty = RNG.choices([1, 2, 3, 4], [62, 25, 9, 4])[0]
            gross = p["unit_price"] * qty
            disc = Decimal("0.00")
            if RNG.random() < 0.15:
                disc = money(gross * Decimal(RNG.choice(["0.05", "0.10", "0.15", "0.20"])))
            it = dict(order_item_id=item_id, order_id=order_id, product_id=p["product_id"], quantity=qty,
                      unit_price=p["unit_price"], discount_amount=disc, _d=d)
            item_id += 1
            items.append(it)
            order_items.append(it)
            order_total += gross - disc
        orders.append(dict(order_id=order_id, customer_id=c["customer_id"], store_id=store_id,
                           employee_id=employee_id, order_date=d, sales_channel=channel,
                           order_status=status, _total=order_total))

        if status == "cancelled":
            continue

        # payments
        if channel == "online":
            methods, mw = ["credit_card", "debit_card", "paypal", "gift_card"], [55, 15, 25, 5]
            ts = dt.datetime.combine(d, dt.time(RNG.randint(0, 23), RNG.randint(0, 59), RNG.choice([0, 15, 30, 45])))
        else:
            methods, mw = ["credit_card", "debit_card", "cash", "gift_card"], [52, 25, 17, 6]
            ts = dt.datetime.combine(d, dt.time(RNG.randint(9, 20), RNG.randint(0, 59), RNG.choice([0, 15, 30, 45])))
        method = RNG.choices(methods, mw)[0]
        if order_total > 150 and RNG.random() < 0.08:
            gift = money(RNG.choice([25, 50, 75, 100]))
            payments.append(dict(payment_id=pay_id, order_id=order_id, payment_method="gift_card", amount=gift, paid_at=ts))
            pay_id += 1
            rest_method = method if method != "gift_card" else "credit_card"
            payments.append(dict(payment_id=pay_id, order_id=order_id, payment_method=rest_method,
                                 amount=order_total - gift, paid_at=ts + dt.timedelta(minutes=1)))
            pay_id += 1
        else:
            payments.append(dict(payment_id=pay_id, order_id=order_id, payment_method=method, amount=order_total, paid_at=ts))
            pay_id += 1

        # shipments
        if channel == "online" and status != "processing":
            shipped = d + dt.timedelta(days=RNG.randint(1, 3))
            delivered = None
            if status == "completed":
                delivered = shipped + dt.timedelta(days=RNG.randint(2, 8))
            carrier = RNG.choice(CARRIERS)
            prefix = {"UPS": "1Z", "FedEx": "FX", "USPS": "94"}[carrier]
            tracking = prefix + "".join(RNG.choice("0123456789") for _ in range(14))
            cost = money(Decimal("0.00") if order_total >= 100 and RNG.random() < 0.6
                         else Decimal(RNG.choice(["7.95", "9.95", "12.50", "14.95", "24.00"])))
            shipments.append(dict(shipment_id=ship_id, order_id=order_id, carrier=carrier, tracking_number=tracking,
                                  shipped_date=shipped, delivered_date=delivered, shipping_cost=cost))
            ship_id += 1

        # returns (only on completed orders)
        if status == "completed":
            for it in order_items:
                if RNG.random() < 0.035:
                    base_day = d
                    if channel == "online":
                        base_day = shipments[-1]["delivered_date"]
                    rdate = base_day + dt.timedelta(days=RNG.randint(2, 30))
                    if rdate > DATA_END:
                        continue
                    qret = RNG.randint(1, it["quantity"])
                    per_unit = (it["unit_price"] * it["quantity"] - it["discount_amount"]) / it["quantity"]
                    reason = RNG.choice(RETURN_REASONS)
                    if channel == "in_store" and reason == "damaged in transit":
                        reason = "defective"
                    returns.append(dict(return_id=ret_id, order_item_id=it["order_item_id"], return_date=rdate,
                                        quantity_returned=qret, reason=reason, refund_amount=money(per_unit * qret)))
                    ret_id += 1
    return orders, items, payments, shipments, returns


def assign_loyalty(customers, orders):
    spend = {}
    for o in orders:
        if o["order_status"] != "cancelled":
            spend[o["customer_id"]] = spend.get(o["customer_id"], Decimal(0)) + o["_total"]
    for c in customers:
        s = spend.get(c["customer_id"], Decimal(0))
        c["loyalty_tier"] = "gold" if s >= 6000 else ("silver" if s >= 1500 else "bronze")


def gen_inventory(products):
    rows = []
    for s in STORES:
        store_id, sqft = s[0], s[6]
        share = min(0.95, 0.40 + sqft / 50000)
        for p in products:
            if p["product_name"] in DELISTED_UNSOLD:
                continue
            if RNG.random() > share:
                continue
            bikes = p["category_id"] in (1, 2, 3)
            reorder = RNG.choice([2, 3, 4]) if bikes else RNG.choice([5, 8, 10, 12, 15])
            qoh = RNG.randint(0, 8) if bikes else RNG.randint(0, 60)
            restock = None
            if qoh > 0 or RNG.random() < 0.5:
                restock = rand_date(dt.date(2025, 6, 1), dt.date(2025, 12, 20))
            if p["launch_date"] > dt.date(2025, 12, 1):
                restock = None
                qoh = 0
            rows.append(dict(store_id=store_id, product_id=p["product_id"], quantity_on_hand=qoh,
                             reorder_level=reorder, last_restock_date=restock))
    return rows


# ---------------------------------------------------------------------------
# SQL output
# ---------------------------------------------------------------------------

def sql_literal(v):
    if v is None:
        return "NULL"
    if isinstance(v, bool):
        return "1" if v else "0"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, Decimal):
        return str(money(v))
    if isinstance(v, dt.datetime):
        return "'" + v.strftime("%Y-%m-%d %H:%M:%S") + "'"
    if isinstance(v, dt.date):
        return "'" + v.isoformat() + "'"
    return "'" + str(v).replace("'", "''") + "'"


def write_table(out, table, columns, rows):
    for start in range(0, len(rows), MAX_ROWS_PER_INSERT):
        chunk = rows[start:start + MAX_ROWS_PER_INSERT]
        out.write("INSERT INTO %s (%s) VALUES\n" % (table, ", ".join(columns)))
        lines = ["(" + ", ".join(sql_literal(r[c]) for c in columns) + ")" for r in chunk]
        out.write(",\n".join(lines))
        out.write(";\n")


def main():
    employees, store_staff = gen_employees()
    customers = gen_customers()
    products = gen_products()
    inventory = gen_inventory(products)
    orders, items, payments, shipments, returns = gen_orders(customers, products, store_staff)
    assign_loyalty(customers, orders)

    tables = [
        ("regions", ["region_id", "region_name"],
         [dict(region_id=r, region_name=n) for r, n in REGIONS]),
        ("stores", ["store_id", "store_name", "city", "state_code", "region_id", "opened_date", "square_feet"],
         [dict(store_id=s[0], store_name=s[1], city=s[2], state_code=s[3], region_id=s[4],
               opened_date=dt.date.fromisoformat(s[5]), square_feet=s[6]) for s in STORES]),
        ("employees", ["employee_id", "first_name", "last_name", "email", "job_title", "store_id", "manager_id",
                       "hire_date", "termination_date", "salary"], employees),
        ("customers", ["customer_id", "first_name", "last_name", "email", "phone", "city", "state_code", "region_id",
                       "signup_date", "loyalty_tier", "marketing_opt_in"], customers),
        ("suppliers", ["supplier_id", "supplier_name", "country", "contact_email", "lead_time_days"],
         [dict(supplier_id=s[0], supplier_name=s[1], country=s[2], contact_email=s[3], lead_time_days=s[4])
          for s in SUPPLIERS]),
        ("categories", ["category_id", "category_name", "department"],
         [dict(category_id=c[0], category_name=c[1], department=c[2]) for c in CATEGORIES]),
        ("products", ["product_id", "sku", "product_name", "category_id", "supplier_id", "unit_price", "unit_cost",
                      "launch_date", "is_active"], products),
        ("inventory", ["store_id", "product_id", "quantity_on_hand", "reorder_level", "last_restock_date"], inventory),
        ("orders", ["order_id", "customer_id", "store_id", "employee_id", "order_date", "sales_channel",
                    "order_status"], orders),
        ("order_items", ["order_item_id", "order_id", "product_id", "quantity", "unit_price", "discount_amount"], items),
        ("payments", ["payment_id", "order_id", "payment_method", "amount", "paid_at"], payments),
        ("shipments", ["shipment_id", "order_id", "carrier", "tracking_number", "shipped_date", "delivered_date",
                       "shipping_cost"], shipments),
        ("product_returns", ["return_id", "order_item_id", "return_date", "quantity_returned", "reason",
                             "refund_amount"], returns),
    ]

    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "data.sql")
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        for table, columns, rows in tables:
            write_table(out, table, columns, rows)
    for table, _, rows in tables:
        print("%-16s %5d rows" % (table, len(rows)))
    print("total            %5d rows" % sum(len(t[2]) for t in tables))


if __name__ == "__main__":
    main()
