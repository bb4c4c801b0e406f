import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '../../config/app-config';

export interface TokenClaims {
  sub: string;
  /** The user's token_version when issued; a bump revokes the token. */
  ver: number;
}

export interface VerifiedClaims extends TokenClaims {
  /** Expiry, seconds since the epoch. */
  exp: number;
}

@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get ttlSeconds(): number {
    return this.config.jwtTtlSeconds;
  }

  sign(claims: TokenClaims): Promise<string> {
    return this.jwt.signAsync(claims, { expiresIn: this.config.jwtTtlSeconds });
  }

  /** Null for a missing, malformed, forged or expired token. */
  async verify(token: string): Promise<VerifiedClaims | null> {
    try {
      const claims = await this.jwt.verifyAsync<Partial<VerifiedClaims>>(token, { algorithms: ['HS256'] });
      return typeof claims.sub === 'string' && typeof claims.ver === 'number' && typeof claims.exp === 'number' ? { sub: claims.sub, ver: claims.ver, exp: claims.exp } : null;
    } catch {
      return null;
    }
  }
}
