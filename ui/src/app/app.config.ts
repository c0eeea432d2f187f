import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { ApplicationConfig, provideBrowserGlobalErrorListeners, provideZonelessChangeDetection } from '@angular/core';
import { provideRouter, withComponentInputBinding, withRouterConfig } from '@angular/router';
import { routes } from './app.routes';
import { authInterceptor } from './core/auth.interceptor';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideRouter(
      routes,
      withComponentInputBinding(),
      withRouterConfig({
        // Child routes (tabs, the task dialog) see the project id.
        paramsInheritanceStrategy: 'always',
        // A Back refused by a guard (unsaved edits) puts the address back as it was.
        canceledNavigationResolution: 'computed',
      }),
    ),
    provideHttpClient(withInterceptors([authInterceptor])),
  ],
};
