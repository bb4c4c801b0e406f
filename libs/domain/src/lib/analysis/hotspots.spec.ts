import { findHotspots, newClusters } from './hotspots';

/** An n × n lattice of cells `r-c`, queen adjacency. */
function lattice(n: number): { ids: string[]; neighbours: number[][] } {
  const ids: string[] = [];
  const neighbours: number[][] = [];
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++) {
      ids.push(`${r}-${c}`);
      const list: number[] = [];
      for (let dr = -1; dr <= 1; dr++)
        for (let dc = -1; dc <= 1; dc++) {
          const [rr, cc] = [r + dr, c + dc];
          if ((dr || dc) && rr >= 0 && rr < n && cc >= 0 && cc < n) list.push(rr * n + cc);
        }
      neighbours.push(list);
    }
  return { ids, neighbours };
}

const { ids, neighbours } = lattice(10);
/** One case in every cell, and a 2 × 2 block of 12 cases each in the north-west corner and one in the south-east. */
const counts = ids.map((id) => (['1-1', '1-2', '2-1', '2-2', '7-7', '7-8', '8-7', '8-8'].includes(id) ? 12 : 1));
const cells = ids.map((id, i) => ({ id, count: counts[i] }));

describe('findHotspots', () => {
  it('finds the two blocks as two clusters of significant cells', () => {
    const result = findHotspots(cells, neighbours);
    expect(result.status).toBe('ok');
    expect(result.totalCases).toBe(92 + 8 * 12);
    expect(result.clusters).toHaveLength(2);
    const blocks = result.clusters.map((c) => [...c.ids].sort());
    expect(blocks[0]).toEqual(expect.arrayContaining(['1-1', '1-2', '2-1', '2-2']));
    expect(blocks[1]).toEqual(expect.arrayContaining(['7-7', '7-8', '8-7', '8-8']));
    for (const cluster of result.clusters) {
      expect(cluster.maxZ).toBeGreaterThan(3);
      expect(cluster.minQ).toBeLessThanOrEqual(0.05);
    }
    const far = result.cells.find((c) => c.id === '4-9');
    expect(far).toMatchObject({ hot: false, confidence: 0 });
    expect(far?.z).toBeLessThan(0);
  });

  it('ranks each cluster’s strongest cell first and gives the confidence bands by q', () => {
    const result = findHotspots(cells, neighbours);
    const first = result.cells.find((c) => c.id === result.clusters[0].ids[0]);
    expect(first?.z).toBe(result.clusters[0].maxZ);
    expect(first?.confidence).toBe(99);
  });

  it('finds nothing in evenly spread cases', () => {
    const result = findHotspots(ids.map((id) => ({ id, count: 3 })), neighbours);
    expect(result.status).toBe('ok');
    expect(result.clusters).toEqual([]);
  });

  it.each([
    ['no_grids', [], []],
    ['no_cases', cells.map((c) => ({ ...c, count: 0 })), neighbours],
    ['too_few_cases', cells.map((c) => ({ ...c, count: c.id === '5-5' ? 1 : 0 })), neighbours],
  ] as const)('says %s instead of testing', (status, input, adjacency) => {
    const result = findHotspots(input, adjacency);
    expect(result.status).toBe(status);
    expect(result.clusters).toEqual([]);
    expect(result.cells.every((c) => !c.hot && c.q === 1)).toBe(true);
  });

  it('keeps a lone case from being a hotspot even above the minimum (the neighbourhood needs 3 cases)', () => {
    const sparse = ids.map((id, i) => ({ id, count: i % 5 === 0 ? 1 : 0 })); // 20 cases, 1 per cell at most
    sparse[55] = { id: sparse[55].id, count: 2 };
    const result = findHotspots(sparse, neighbours, { alpha: 0.05, minCases: 20, minLocalCases: 3 });
    expect(result.cells.filter((c) => c.hot && c.local < 3)).toEqual([]);
  });
});

describe('newClusters', () => {
  it('keeps the clusters with no cell hot before', () => {
    const { clusters } = findHotspots(cells, neighbours);
    expect(newClusters(clusters, new Set(['2-2'])).map((c) => c.ids.includes('8-8'))).toEqual([true]);
    expect(newClusters(clusters, new Set())).toHaveLength(2);
  });
});
