import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { addPostRequestSchema, endPostRequestSchema, oneTimePasswordSchema, peopleListResponseSchema, peopleQuerySchema, personDtoSchema, personStatusRequestSchema, postDtoSchema, postTypeListSchema, type AddPostRequest, type OneTimePassword, type PeopleListResponse, type PersonDto, type PersonStatusRequest, type PostDto, type PostTypeDto } from '@grid/contracts';
import type { z } from 'zod';
import { ApiContract } from '../../common/api-contract.decorator';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { PeopleAdminService } from './people-admin.service';

const uuid = new ParseUUIDPipe();

@ApiTags('admin: people')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/people')
export class PeopleAdminController {
  constructor(private readonly people: PeopleAdminService) {}

  @Get()
  @ApiOperation({ summary: 'People with their posts; q searches username, name and phone; areaId: an active post in that subtree' })
  @ApiContract({ query: peopleQuerySchema, response: peopleListResponseSchema })
  list(@Query(new ZodValidationPipe(peopleQuerySchema)) query: z.output<typeof peopleQuerySchema>): Promise<PeopleListResponse> {
    return this.people.list(query);
  }

  @Get('post-types')
  @ApiOperation({ summary: 'Post types (1+2+N): one per role and the grid’s specialised helpers, with labels and whether dispatch may pick them' })
  @ApiContract({ response: postTypeListSchema })
  postTypes(): Promise<PostTypeDto[]> {
    return this.people.postTypes();
  }

  @Get(':id')
  @ApiOperation({ summary: 'One person with every post, current and past' })
  @ApiContract({ response: personDtoSchema })
  get(@Param('id', uuid) id: string): Promise<PersonDto> {
    return this.people.get(id);
  }

  @Post(':id/posts')
  @ApiOperation({ summary: 'Add a post; with replacesPostId a transfer (调岗): that post ends when this one starts' })
  @ApiContract({ body: addPostRequestSchema, response: postDtoSchema, status: 201 })
  addPost(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body(new ZodValidationPipe(addPostRequestSchema)) body: AddPostRequest): Promise<PostDto> {
    return this.people.addPost(user, id, body);
  }

  @Post(':id/posts/:postId/end')
  @HttpCode(200)
  @ApiOperation({ summary: 'End a post (transfer, leave, ended), kept as history; without an active post the person signs in nowhere' })
  @ApiContract({ body: endPostRequestSchema, response: postDtoSchema })
  endPost(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Param('postId', uuid) postId: string, @Body(new ZodValidationPipe(endPostRequestSchema)) body: z.output<typeof endPostRequestSchema>): Promise<PostDto> {
    return this.people.endPost(user, id, postId, body);
  }

  @Put(':id/status')
  @ApiOperation({ summary: 'Disable or enable a person: a disabled person signs in nowhere and their sockets close' })
  @ApiContract({ body: personStatusRequestSchema, response: personDtoSchema })
  setStatus(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body(new ZodValidationPipe(personStatusRequestSchema)) body: PersonStatusRequest): Promise<PersonDto> {
    return this.people.setActive(user, id, body.active);
  }

  @Post(':id/password-reset')
  @HttpCode(200)
  @ApiOperation({ summary: 'A one-time password, shown once in this answer; the person must change it at the next sign-in' })
  @ApiContract({ response: oneTimePasswordSchema })
  resetPassword(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<OneTimePassword> {
    return this.people.resetPassword(user, id);
  }
}
