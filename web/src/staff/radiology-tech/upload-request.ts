import { ApiError } from '../../shared/api';
import type { Session } from '../../shared/session';
import type { UploadAnswer } from './types';

/**
 * The multipart upload of images. The shared API client speaks JSON only, and fetch cannot report
 * upload progress, so this one call is an XMLHttpRequest: same bearer token, same one retry with
 * a refreshed token after a 401, errors as ApiError with the server's message.
 */
export async function uploadImages(session: Session, form: FormData, onProgress: (fraction: number) => void): Promise<UploadAnswer> {
  const first = await send(await session.accessToken(), form, onProgress);
  if (first.status !== 401) return answer(first);
  return answer(await send(await session.forceRefresh(), form, onProgress));
}

function send(token: string, form: FormData, onProgress: (fraction: number) => void): Promise<XMLHttpRequest> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/radiology-tech/images/upload');
    xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.responseType = 'text';
    xhr.upload.onprogress = (event) => { if (event.lengthComputable) onProgress(event.loaded / event.total); };
    xhr.upload.onload = () => onProgress(1);
    xhr.onload = () => resolve(xhr);
    xhr.onerror = () => reject(new ApiError(0, '서버에 연결할 수 없습니다 (network error)', 'NETWORK_ERROR'));
    xhr.send(form);
  });
}

function answer(xhr: XMLHttpRequest): UploadAnswer {
  let data: unknown = null;
  try {
    data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
  } catch {
    data = null;
  }
  if (xhr.status >= 200 && xhr.status < 300) return data as UploadAnswer;
  const error = (data as { error?: { message?: string; type?: string; details?: unknown; requestId?: string } } | null)?.error;
  throw new ApiError(xhr.status, error?.message ?? `요청 실패 (HTTP ${xhr.status})`, error?.type ?? 'HTTP_ERROR', error?.details, error?.requestId);
}
