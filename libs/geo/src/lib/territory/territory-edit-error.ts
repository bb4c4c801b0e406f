/** Why an edit of the territory cannot even be made (as opposed to the problems the edited territory has). */
type EditRefusal =
  | 'unknown_area'
  | 'not_a_grid'
  | 'split_multipart'
  | 'split_line_ends_inside'
  | 'split_line_crosses_hole'
  | 'split_line_not_crossing'
  | 'no_free_code'
  | 'merge_same_grid'
  | 'merge_different_villages'
  | 'merge_not_adjacent';

/** An edit that cannot be made: names the request's field at fault and a reason code clients may branch on. */
export class TerritoryEditError extends Error {
  override readonly name = 'TerritoryEditError';

  constructor(
    message: string,
    readonly field: string,
    readonly reason: EditRefusal,
  ) {
    super(message);
  }
}
