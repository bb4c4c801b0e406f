import { DEPARTMENT_ROLES, DISTRICT_WIDE_ROLES, ROOM } from '@grid/contracts';
import type { AuthUser } from '../auth/auth-user';

/**
 * The rooms a user's sockets join. Pushes about a case go to the room of every area on its path, so
 * joining the room of one's own area (the root of one's scope) receives everything below it. A person with
 * several posts joins the room of each active post's area (or department), as their scope does (ADR 0009).
 */
export function roomsOf(user: Pick<AuthUser, 'id' | 'role' | 'areaId' | 'departmentId' | 'postAreaIds' | 'postDepartmentIds'>): string[] {
  const rooms = [ROOM.user(user.id)];
  if (DISTRICT_WIDE_ROLES.includes(user.role)) rooms.push(ROOM.command);
  if (DEPARTMENT_ROLES.includes(user.role)) {
    if (user.departmentId) rooms.push(...unionOf(user.departmentId, user.postDepartmentIds).map(ROOM.department));
  } else if (user.areaId) rooms.push(...unionOf(user.areaId, user.postAreaIds).map(ROOM.area));
  return rooms;
}

const unionOf = (primary: string, others: readonly string[] | undefined) => [...new Set([primary, ...(others ?? [])])];

/** Rooms that follow a user's posts (as opposed to their own room). */
export const isPostRoom = (room: string) => room === ROOM.command || room.startsWith(ROOM.area('')) || room.startsWith(ROOM.department(''));

/** Where a worker's position goes: the leaders above them (the areas above theirs) and the command centre. */
export function positionRoomsOf(user: Pick<AuthUser, 'areaPath'>): string[] {
  return [...user.areaPath.slice(0, -1).map(ROOM.area), ROOM.command];
}
