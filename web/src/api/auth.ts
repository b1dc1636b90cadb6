import { apiRequest } from './client';
import type { LoginResponse, Me } from './types';

export function login(username: string, password: string): Promise<LoginResponse> {
  return apiRequest<LoginResponse>('/api/v1/auth/login', {
    method: 'POST',
    body: { username, password },
    authenticated: false,
  });
}

export function logout(): Promise<void> {
  return apiRequest<void>('/api/v1/auth/logout', { method: 'POST' });
}

export function fetchMe(signal?: AbortSignal): Promise<Me> {
  return apiRequest<Me>('/api/v1/me', { signal });
}
