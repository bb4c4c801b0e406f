/**
 * SQL: the user in `userId` (a column) holds a specialised helper's post as their primary post (1+2+N: 网格警长,
 * 法律顾问, 楼栋长 …: a post type that is not dispatched, under a role such as grid_worker). They are not sent cases,
 * so the demo's history gives them none and the assessment does not rank them among the grid workers.
 */
export function isSpecialisedHelper(userId: string): string {
  return `EXISTS (SELECT 1 FROM user_posts p JOIN post_types t ON t.code = p.post_type
    WHERE p.user_id = ${userId} AND p.primary_post AND NOT t.dispatchable AND p.post_type <> p.role)`;
}
