import { publicConfigSchema } from '@grid/contracts';
import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { PublicConfig } from '@grid/contracts';
import { ApiContract } from '../../common/api-contract.decorator';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { Public } from '../auth/auth.decorators';
import { SettingsService } from './settings.service';

@ApiTags('system')
@Controller('config')
export class SystemController {
  constructor(
    private readonly settings: SettingsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'What the web app needs before login: level labels, territory, tile layer' })
  @ApiContract({ response: publicConfigSchema })
  async publicConfig(): Promise<PublicConfig> {
    const [levelLabels, territory] = await Promise.all([this.settings.get('levelLabels'), this.settings.get('territory')]);
    return {
      productName: '网格化基层治理',
      territoryName: territory.name,
      levelLabels,
      tileUrl: this.config.tileUrl ?? null,
      tileAttribution: this.config.tileAttribution ?? null,
      syntheticGeometry: territory.synthetic,
      demoAccounts: territory.demoAccounts ?? false,
    };
  }
}
