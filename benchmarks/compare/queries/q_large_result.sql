-- Not from TPC-H: a scan whose result is large (about a quarter of lineitem), so that many batches
-- cross from the engine to the caller and the per-batch cost of that crossing shows.
SELECT
    l_orderkey,
    l_partkey,
    l_quantity,
    l_extendedprice,
    l_shipdate
FROM lineitem
WHERE l_shipdate >= DATE '1997-01-01'
