import { Injectable } from '@nestjs/common';
import type { LoginRequest, LoginResponse } from '@grid/contracts';
import { AppError } from '../../common/app-error';
import { UsersService } from '../users/users.service';
import { PasswordHasher } from '../users/password-hasher';
import { TokenService } from './token.service';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
  ) {}

  async login({ username, password }: LoginRequest): Promise<LoginResponse> {
    const account = await this.users.findByUsername(username);
    const ok = await this.hasher.verify(account?.active ? account.passwordHash : null, password);
    if (!account || !ok) throw new AppError('unauthorized', 'wrong username or password');
    const found = await this.users.findActiveForAuth(account.id);
    if (!found) throw new AppError('unauthorized', 'wrong username or password');
    const accessToken = await this.tokens.sign({ sub: account.id, ver: account.tokenVersion });
    const { id, role, areaId, departmentId, displayName } = found.user;
    return { accessToken, expiresIn: this.tokens.ttlSeconds, user: { id, username: account.username, role, areaId, departmentId, displayName } };
  }
}
