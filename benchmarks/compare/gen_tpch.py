"""Generates TPC-H-like Parquet tables (lineitem, orders, customer, part, supplier, nation, region).

Row counts, key relationships, value ranges and date rules follow the TPC-H specification (clause
4.2.3), so the standard queries select similar fractions of rows; comments and addresses come from a
pool of pseudo-sentences instead of the spec's grammar. Output is deterministic for a given seed:
    python gen_tpch.py SCALE OUTPUT_DIR
writes OUTPUT_DIR/<table>/part-0.parquet.
"""

import argparse
import datetime
import os
import shutil

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

SEED = 20240601
# DuckDB's default row group size; gives both engines several row groups to scan in parallel.
ROW_GROUP_ROWS = 122_880

EPOCH = datetime.date(1970, 1, 1)
START_DATE = (datetime.date(1992, 1, 1) - EPOCH).days
END_DATE = (datetime.date(1998, 12, 31) - EPOCH).days
CURRENT_DATE = (datetime.date(1995, 6, 17) - EPOCH).days

REGIONS = ["AFRICA", "AMERICA", "ASIA", "EUROPE", "MIDDLE EAST"]
NATIONS = [  # (name, region key)
    ("ALGERIA", 0), ("ARGENTINA", 1), ("BRAZIL", 1), ("CANADA", 1), ("EGYPT", 4),
    ("ETHIOPIA", 0), ("FRANCE", 3), ("GERMANY", 3), ("INDIA", 2), ("INDONESIA", 2),
    ("IRAN", 4), ("IRAQ", 4), ("JAPAN", 2), ("JORDAN", 4), ("KENYA", 0),
    ("MOROCCO", 0), ("MOZAMBIQUE", 0), ("PERU", 1), ("CHINA", 2), ("ROMANIA", 3),
    ("SAUDI ARABIA", 4), ("VIETNAM", 2), ("RUSSIA", 3), ("UNITED KINGDOM", 3), ("UNITED STATES", 1),
]
SEGMENTS = ["AUTOMOBILE", "BUILDING", "FURNITURE", "MACHINERY", "HOUSEHOLD"]
PRIORITIES = ["1-URGENT", "2-HIGH", "3-MEDIUM", "4-NOT SPECIFIED", "5-LOW"]
SHIP_INSTRUCTIONS = ["DELIVER IN PERSON", "COLLECT COD", "NONE", "TAKE BACK RETURN"]
SHIP_MODES = ["REG AIR", "AIR", "RAIL", "SHIP", "TRUCK", "MAIL", "FOB"]
TYPE_SIZES = ["STANDARD", "SMALL", "MEDIUM", "LARGE", "ECONOMY", "PROMO"]
TYPE_FINISHES = ["ANODIZED", "BURNISHED", "PLATED", "POLISHED", "BRUSHED"]
TYPE_METALS = ["TIN", "NICKEL", "BRASS", "STEEL", "COPPER"]
CONTAINER_SIZES = ["SM", "LG", "MED", "JUMBO", "WRAP"]
CONTAINER_KINDS = ["CASE", "BOX", "BAG", "JAR", "PKG", "PACK", "CAN", "DRUM"]
COLORS = (
    "almond antique aquamarine azure beige bisque black blanched blue blush brown burlywood burnished "
    "chartreuse chiffon chocolate coral cornflower cornsilk cream cyan dark deep dim dodger drab firebrick "
    "floral forest frosted gainsboro ghost goldenrod green grey honeydew hot indian ivory khaki lace "
    "lavender lawn lemon light lime linen magenta maroon medium metallic midnight mint misty moccasin "
    "navajo navy olive orange orchid pale papaya peach peru pink plum powder puff purple red rose rosy "
    "royal saddle salmon sandy seashell sienna sky slate smoke snow spring steel tan thistle tomato "
    "turquoise violet wheat white yellow"
).split()
COMMENT_WORDS = (
    "furiously quickly carefully blithely slyly fluffily ironic final regular express special pending "
    "bold unusual even silent packages requests accounts deposits foxes ideas theodolites pinto beans "
    "instructions dependencies excuses platelets asymptotes courts dolphins sleep wake are cajole haggle "
    "nag use boost affix detect integrate across after along among around against above"
).split()
MONEY = pa.decimal128(15, 2)


class Generator:
    def __init__(self, scale):
        self.rng = np.random.default_rng(SEED)
        self.suppliers = max(1, round(10_000 * scale))
        self.customers = max(1, round(150_000 * scale))
        self.parts = max(1, round(200_000 * scale))
        self.orders = max(1, round(1_500_000 * scale))
        self.clerks = max(1, round(1_000 * scale))
        self.comment_pool = self._sentences(1 << 16, 4, 12)
        self.address_pool = self._sentences(1 << 14, 2, 5)

    def _sentences(self, count, min_words, max_words):
        words = np.array(COMMENT_WORDS)
        lengths = self.rng.integers(min_words, max_words + 1, count)
        return pa.array([" ".join(self.rng.choice(words, n)) for n in lengths])

    def _pick(self, pool, count):
        """`count` values drawn uniformly from `pool` (a list or an Arrow array)."""
        pool = pool if isinstance(pool, pa.Array) else pa.array(pool)
        return pool.take(pa.array(self.rng.integers(0, len(pool), count)))

    def _uniform(self, low, high, count):
        """Integers uniform in [low, high]."""
        return self.rng.integers(low, high + 1, count)

    def _comments(self, count):
        return self._pick(self.comment_pool, count)

    def _addresses(self, count):
        return self._pick(self.address_pool, count)

    @staticmethod
    def _keys(count):
        return np.arange(1, count + 1, dtype=np.int64)

    @staticmethod
    def _labelled(prefix, keys):
        """'Customer#000000042'-style names."""
        digits = pc.utf8_lpad(pc.cast(pa.array(keys), pa.string()), 9, "0")
        return pc.binary_join_element_wise(prefix, digits, "")

    def _phones(self, nation_keys):
        parts = [nation_keys + 10, self._uniform(100, 999, len(nation_keys)),
                 self._uniform(100, 999, len(nation_keys)), self._uniform(1000, 9999, len(nation_keys))]
        return pc.binary_join_element_wise(*[pc.cast(pa.array(p), pa.string()) for p in parts], "-")

    @staticmethod
    def _money(cents):
        """DECIMAL(15,2) values from integer cents, sharing the cents' bits as the unscaled value."""
        cents = np.asarray(cents, dtype=np.int64)
        unscaled = np.empty((len(cents), 2), dtype=np.int64)
        unscaled[:, 0] = cents
        unscaled[:, 1] = cents >> 63  # sign extension into the high 64 bits
        return pa.Array.from_buffers(MONEY, len(cents), [None, pa.py_buffer(unscaled.tobytes())])

    @staticmethod
    def _dates(days):
        return pa.array(np.asarray(days, dtype=np.int32), pa.date32())

    def region(self):
        return pa.table({
            "r_regionkey": pa.array(range(len(REGIONS)), pa.int64()),
            "r_name": REGIONS,
            "r_comment": self._comments(len(REGIONS)),
        })

    def nation(self):
        return pa.table({
            "n_nationkey": pa.array(range(len(NATIONS)), pa.int64()),
            "n_name": [name for name, _ in NATIONS],
            "n_regionkey": pa.array([region for _, region in NATIONS], pa.int64()),
            "n_comment": self._comments(len(NATIONS)),
        })

    def supplier(self):
        keys = self._keys(self.suppliers)
        nations = self._uniform(0, len(NATIONS) - 1, len(keys))
        return pa.table({
            "s_suppkey": keys,
            "s_name": self._labelled("Supplier#", keys),
            "s_address": self._addresses(len(keys)),
            "s_nationkey": nations,
            "s_phone": self._phones(nations),
            "s_acctbal": self._money(self._uniform(-99_999, 999_999, len(keys))),
            "s_comment": self._comments(len(keys)),
        })

    def customer(self):
        keys = self._keys(self.customers)
        nations = self._uniform(0, len(NATIONS) - 1, len(keys))
        return pa.table({
            "c_custkey": keys,
            "c_name": self._labelled("Customer#", keys),
            "c_address": self._addresses(len(keys)),
            "c_nationkey": nations,
            "c_phone": self._phones(nations),
            "c_acctbal": self._money(self._uniform(-99_999, 999_999, len(keys))),
            "c_mktsegment": self._pick(SEGMENTS, len(keys)),
            "c_comment": self._comments(len(keys)),
        })

    @staticmethod
    def retail_price_cents(part_keys):
        return 90_000 + (part_keys // 10) % 20_001 + 100 * (part_keys % 1_000)

    def part(self):
        keys = self._keys(self.parts)
        n = len(keys)
        mfgr = self._uniform(1, 5, n)
        return pa.table({
            "p_partkey": keys,
            "p_name": pc.binary_join_element_wise(*[self._pick(COLORS, n) for _ in range(5)], " "),
            "p_mfgr": pc.binary_join_element_wise("Manufacturer#", pc.cast(pa.array(mfgr), pa.string()), ""),
            "p_brand": pc.binary_join_element_wise(
                "Brand#", pc.cast(pa.array(mfgr * 10 + self._uniform(1, 5, n)), pa.string()), ""),
            "p_type": pc.binary_join_element_wise(
                self._pick(TYPE_SIZES, n), self._pick(TYPE_FINISHES, n), self._pick(TYPE_METALS, n), " "),
            "p_size": pa.array(self._uniform(1, 50, n).astype(np.int32)),
            "p_container": pc.binary_join_element_wise(
                self._pick(CONTAINER_SIZES, n), self._pick(CONTAINER_KINDS, n), " "),
            "p_retailprice": self._money(self.retail_price_cents(keys)),
            "p_comment": self._comments(n),
        })

    def orders_and_lineitem(self):
        order_keys = self._keys(self.orders)
        lines_per_order = self._uniform(1, 7, len(order_keys))
        first_line = np.concatenate(([0], np.cumsum(lines_per_order)[:-1]))
        lines = int(lines_per_order.sum())
        line_order = np.repeat(np.arange(len(order_keys)), lines_per_order)

        order_dates = self._uniform(START_DATE, END_DATE - 151, len(order_keys))
        line_order_dates = order_dates[line_order]
        ship_dates = line_order_dates + self._uniform(1, 121, lines)
        commit_dates = line_order_dates + self._uniform(30, 90, lines)
        receipt_dates = ship_dates + self._uniform(1, 30, lines)

        part_keys = self._uniform(1, self.parts, lines)
        # Each part has four suppliers (spec 4.2.3, PS_SUPPKEY); a line uses one of them.
        supplier_choice = self._uniform(0, 3, lines)
        supp_keys = (part_keys + supplier_choice * (self.suppliers // 4 + (part_keys - 1) // self.suppliers)) \
            % self.suppliers + 1
        quantities = self._uniform(1, 50, lines)
        price_cents = quantities * self.retail_price_cents(part_keys)
        discounts = self._uniform(0, 10, lines)
        taxes = self._uniform(0, 8, lines)

        shipped = ship_dates <= CURRENT_DATE
        returned = receipt_dates <= CURRENT_DATE
        return_flags = np.where(returned, np.where(self.rng.random(lines) < 0.5, "R", "A"), "N")

        charge_cents = price_cents * (100 + taxes) * (100 - discounts) / 10_000
        open_lines = np.add.reduceat((~shipped).astype(np.int64), first_line)
        order_status = np.where(open_lines == 0, "F", np.where(open_lines == lines_per_order, "O", "P"))
        # A third of the customers (keys divisible by 3) place no orders, as in the spec.
        ordering_customers = self._keys(self.customers)
        ordering_customers = ordering_customers[ordering_customers % 3 != 0] if self.customers >= 3 \
            else ordering_customers

        orders = pa.table({
            "o_orderkey": order_keys,
            "o_custkey": ordering_customers[self.rng.integers(0, len(ordering_customers), len(order_keys))],
            "o_orderstatus": order_status,
            "o_totalprice": self._money(np.rint(np.add.reduceat(charge_cents, first_line))),
            "o_orderdate": self._dates(order_dates),
            "o_orderpriority": self._pick(PRIORITIES, len(order_keys)),
            "o_clerk": self._labelled("Clerk#", self._uniform(1, self.clerks, len(order_keys))),
            "o_shippriority": pa.array(np.zeros(len(order_keys), dtype=np.int32)),
            "o_comment": self._comments(len(order_keys)),
        })
        lineitem = pa.table({
            "l_orderkey": order_keys[line_order],
            "l_partkey": part_keys,
            "l_suppkey": supp_keys,
            "l_linenumber": pa.array((np.arange(lines) - first_line[line_order] + 1).astype(np.int32)),
            "l_quantity": self._money(quantities * 100),
            "l_extendedprice": self._money(price_cents),
            "l_discount": self._money(discounts),
            "l_tax": self._money(taxes),
            "l_returnflag": return_flags,
            "l_linestatus": np.where(shipped, "F", "O"),
            "l_shipdate": self._dates(ship_dates),
            "l_commitdate": self._dates(commit_dates),
            "l_receiptdate": self._dates(receipt_dates),
            "l_shipinstruct": self._pick(SHIP_INSTRUCTIONS, lines),
            "l_shipmode": self._pick(SHIP_MODES, lines),
            "l_comment": self._comments(lines),
        })
        return orders, lineitem


def write(table, directory, name):
    os.makedirs(os.path.join(directory, name))
    pq.write_table(table, os.path.join(directory, name, "part-0.parquet"), row_group_size=ROW_GROUP_ROWS)
    print(f"  {name}: {table.num_rows:,} rows")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("scale", type=float, help="scale factor; 1.0 gives 6M lineitem rows")
    parser.add_argument("output", help="directory to create; one sub-directory per table")
    args = parser.parse_args()
    if args.scale <= 0:
        parser.error("scale must be positive")

    # Generate into a sibling directory and rename, so an interrupted run never leaves partial data.
    partial = args.output.rstrip("/") + ".partial"
    shutil.rmtree(partial, ignore_errors=True)
    generator = Generator(args.scale)
    print(f"generating TPC-H-like data at scale {args.scale} into {args.output}")
    orders, lineitem = generator.orders_and_lineitem()
    tables = {
        "region": generator.region(), "nation": generator.nation(), "supplier": generator.supplier(),
        "customer": generator.customer(), "part": generator.part(), "orders": orders, "lineitem": lineitem,
    }
    for name, table in tables.items():
        write(table, partial, name)
    os.rename(partial, args.output)


if __name__ == "__main__":
    main()
