/**
 * toRects (templates/rects.ts) for cells of one column, the records sheet's validations at 12,000 rows: its runs of
 * rows in order, duplicates and order of the cells not mattering (worked by hand), as for cells of several columns.
 */
import { rectAddress, toRects } from '../../src/templates/rects';

test('one column: runs of rows, top to bottom', () => {
  const cells = [5, 3, 4, 4, 9, 10, 12].map((row) => ({ row, col: 2 }));
  expect(toRects(cells).map(rectAddress)).toEqual(['B3:B5', 'B9:B10', 'B12']);
  expect(toRects([])).toEqual([]);
  expect(toRects(Array.from({ length: 12000 }, (_, i) => ({ row: 12003 - i, col: 1 }))).map(rectAddress)).toEqual(['A4:A12003']);
});

test('two columns: the same rows make one rectangle, others their own', () => {
  const cells = [
    { row: 1, col: 1 },
    { row: 1, col: 2 },
    { row: 2, col: 1 },
    { row: 2, col: 2 },
    { row: 3, col: 1 },
  ];
  expect(toRects(cells).map(rectAddress)).toEqual(['A1:B2', 'A3']);
});
