/** Options for {@link clusterPairs}. Weights are total match weights in bits (prior included). */
export interface ClusterOptions {
  /** Pairs at or above this weight are links. */
  linkWeight: number;
  /**
   * Scored pairs below this weight are conflicts: strong evidence that two records are different people. A link
   * that would put two conflicting records into one entity is refused — the anti-chaining guard.
   */
  conflictWeight: number;
  /** A link that would make an entity larger than this is refused too. */
  maxClusterSize: number;
}

/** A link the guard refused, left for a person to decide. */
export interface RefusedLink {
  pair: number;
  reason: "conflict" | "size";
}

/** Entities found: a cluster number per record (0-based, in order of each cluster's first record). */
export interface ClusterResult {
  clusterOf: Int32Array;
  clusters: number;
  links: number;
  refused: RefusedLink[];
}

/**
 * Connected components over links, taken strongest first, with a guard against chaining: two entities are merged
 * only when no scored pair between them is a conflict and the result stays under the size cap. One bad link
 * between two people's records therefore cannot pull both people's other records into one entity.
 * Runs in O(E log E) for sorting plus near-linear union-find; the conflict check walks the smaller entity only.
 */
export function clusterPairs(
  n: number,
  left: Int32Array,
  right: Int32Array,
  weights: Float32Array,
  count: number,
  options: ClusterOptions,
): ClusterResult {
  const parent = new Int32Array(n);
  const size = new Int32Array(n).fill(1);
  const next = new Int32Array(n); // circular member lists
  for (let i = 0; i < n; i++) {
    parent[i] = i;
    next[i] = i;
  }
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  // Conflict adjacency (CSR) over pairs below the conflict weight.
  const degree = new Int32Array(n + 1);
  let linkCount = 0;
  for (let p = 0; p < count; p++) {
    const w = weights[p]!;
    if (w < options.conflictWeight) {
      degree[left[p]! + 1]!++;
      degree[right[p]! + 1]!++;
    } else if (w >= options.linkWeight) linkCount++;
  }
  for (let i = 0; i < n; i++) degree[i + 1]! += degree[i]!;
  const adj = new Int32Array(degree[n]!);
  const fill = degree.slice(0, n);
  for (let p = 0; p < count; p++) {
    if (weights[p]! < options.conflictWeight) {
      adj[fill[left[p]!]!++] = right[p]!;
      adj[fill[right[p]!]!++] = left[p]!;
    }
  }
  // Links strongest first: pack (quantized descending weight, pair index) into float64 for a native sort.
  const order = new Float64Array(linkCount);
  const scale = 2 ** 27;
  let k = 0;
  for (let p = 0; p < count; p++) {
    const w = weights[p]!;
    if (w >= options.linkWeight) {
      const q = Math.max(0, Math.min(2 ** 25, Math.round((256 - w) * 64)));
      order[k++] = q * scale + p;
    }
  }
  order.sort();
  const refused: RefusedLink[] = [];
  let links = 0;
  for (let e = 0; e < order.length; e++) {
    const q = Math.floor(order[e]! / scale);
    const p = order[e]! - q * scale;
    let a = find(left[p]!);
    let b = find(right[p]!);
    if (a === b) continue;
    if (size[a]! + size[b]! > options.maxClusterSize) {
      refused.push({ pair: p, reason: "size" });
      continue;
    }
    if (size[a]! > size[b]!) [a, b] = [b, a];
    let conflict = false;
    let x = a;
    do {
      for (let c = degree[x]!; c < degree[x + 1]!; c++) {
        if (find(adj[c]!) === b) {
          conflict = true;
          break;
        }
      }
      x = next[x]!;
    } while (!conflict && x !== a);
    if (conflict) {
      refused.push({ pair: p, reason: "conflict" });
      continue;
    }
    parent[a] = b;
    size[b]! += size[a]!;
    const t = next[a]!;
    next[a] = next[b]!;
    next[b] = t;
    links++;
  }
  const clusterOf = new Int32Array(n).fill(-1);
  const rootCluster = new Int32Array(n).fill(-1);
  let clusters = 0;
  for (let i = 0; i < n; i++) {
    const r = find(i);
    if (rootCluster[r] === -1) rootCluster[r] = clusters++;
    clusterOf[i] = rootCluster[r]!;
  }
  return { clusterOf, clusters, links, refused };
}
