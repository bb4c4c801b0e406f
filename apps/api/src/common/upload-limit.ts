import { CallHandler, ExecutionContext, NestInterceptor, PayloadTooLargeException, type Type } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { catchError, type Observable } from 'rxjs';
import { AppError } from './app-error';

/**
 * Says what the limit is when multer cuts an oversized upload off (its own message is "File too large"):
 * 413 with `reason: "file_too_large"` and `params.limitMb`, so that the console words it in the user's
 * language, and `hint` (what to do) in the English message.
 */
class UploadTooLarge implements NestInterceptor {
  constructor(
    private readonly limitBytes: number,
    private readonly hint: string,
  ) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        if (!(error instanceof PayloadTooLargeException)) throw error;
        const limitMb = Math.round(this.limitBytes / (1024 * 1024));
        throw new AppError('too_large', `the file is larger than ${limitMb} MB: ${this.hint}`, { file: `larger than ${limitMb} MB` }, 'file_too_large', undefined, { limitMb });
      }),
    );
  }
}

/** The interceptors of a single-file upload (multipart field `file`) of at most `limitBytes`, in the order Nest needs. */
export function singleFileUpload(limitBytes: number, hint: string): [NestInterceptor, Type<NestInterceptor>] {
  return [new UploadTooLarge(limitBytes, hint), FileInterceptor('file', { limits: { fileSize: limitBytes, files: 1, fields: 5 } })];
}
