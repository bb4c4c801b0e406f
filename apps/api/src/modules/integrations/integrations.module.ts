import { Module } from '@nestjs/common';
import { IntegrationClientsController } from './integration-clients.controller';
import { IntegrationClientService } from './integration-clients.service';
import { SignedRequestVerifier } from './signed-request.verifier';

/**
 * The systems that talk to ours with signed requests (DESIGN §2 `IntegrationClient`): their registry and secrets, and
 * the check of a signed request (HMAC, timestamp window, replay), shared by the hotline bridge and the sensor intake
 * (ADR 0014, ADR 0019).
 */
@Module({
  controllers: [IntegrationClientsController],
  providers: [IntegrationClientService, SignedRequestVerifier],
  exports: [IntegrationClientService, SignedRequestVerifier],
})
export class IntegrationsModule {}
