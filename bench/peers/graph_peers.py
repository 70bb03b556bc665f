#!/usr/bin/python3
"""Peer timings for bench/graph.bench.ts: networkx and python-igraph on the same CSV files.

Usage: /usr/bin/python3 graph_peers.py networkx|igraph EDGES.csv GROUPS.csv K
K = 0 times full betweenness; K > 0 accumulates only from the sources 0..K-1 (groups-file order),
which is what the TypeScript side does with the same K (networkx's own loop body, so the work per
source is the library's). Prints one JSON line: load_s (CSV read + graph build), compute_s, and a
checksum (sum of betweenness) so the bench can check that both sides computed the same thing.
"""
import csv
import json
import sys
import time


def read(edges_path, groups_path):
    with open(groups_path) as f:
        r = csv.reader(f)
        next(r)
        nodes = [row[0] for row in r]
    with open(edges_path) as f:
        r = csv.reader(f)
        next(r)
        edges = [(row[0], row[1]) for row in r]
    return nodes, edges


def main():
    which, edges_path, groups_path, k = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    t0 = time.perf_counter()
    nodes, edges = read(edges_path, groups_path)
    if which == "networkx":
        import networkx as nx
        from networkx.algorithms.centrality.betweenness import (
            _accumulate_basic,
            _single_source_shortest_path_basic,
        )
        G = nx.DiGraph()
        G.add_nodes_from(nodes)
        G.add_edges_from((u, v) for u, v in edges if u != v)
        t1 = time.perf_counter()
        c1 = time.process_time()
        if k == 0:
            bc = nx.betweenness_centrality(G, normalized=False)
        else:
            bc = dict.fromkeys(G, 0.0)
            for s in nodes[:k]:
                S, P, sigma, _ = _single_source_shortest_path_basic(G, s)
                bc, _ = _accumulate_basic(bc, S, P, sigma, s)
        t2 = time.perf_counter()
        c2 = time.process_time()
        total = sum(bc.values())
    else:
        import igraph
        idx = {v: i for i, v in enumerate(nodes)}
        g = igraph.Graph(n=len(nodes), edges=[(idx[u], idx[v]) for u, v in edges if u != v], directed=True)
        g.simplify(multiple=True, loops=True)
        t1 = time.perf_counter()
        c1 = time.process_time()
        bc = g.betweenness(directed=True)
        t2 = time.perf_counter()
        c2 = time.process_time()
        total = sum(bc)
    # CPU seconds beside wall: on a busy machine the CPU ratio is the one to compare
    print(json.dumps({"load_s": t1 - t0, "compute_s": t2 - t1, "compute_cpu_s": c2 - c1, "checksum": total}))


main()
