import { FocusKeyManager, FocusableOption } from '@angular/cdk/a11y';
import { Component, Directive, ElementRef, Injector, inject, input, viewChildren } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { IsActiveMatchOptions, NavigationEnd, Router, RouterLink } from '@angular/router';
import { filter, map } from 'rxjs';

export interface TabLinkDef {
  /** Link relative to the tab bar's route, e.g. 'members'. */
  path: string;
  label: string;
  testId: string;
  /** Paths that also select this tab (e.g. 'board' for a 'list' tab). */
  also?: string[];
}

/** One tab of a TabNav: focusable by the CDK key manager. */
@Directive({ selector: 'a[trTab]' })
export class TabLink implements FocusableOption {
  readonly el = inject<ElementRef<HTMLAnchorElement>>(ElementRef);
  focus(): void {
    this.el.nativeElement.focus();
  }
}

const MATCH: IsActiveMatchOptions = { paths: 'subset', queryParams: 'ignored', fragment: 'ignored', matrixParams: 'ignored' };

/**
 * Tabs whose panels are routes: a tablist of links (each tab has a URL, so
 * reload and Back keep it), with aria-selected on the current one and a
 * roving tabindex; Left/Right/Home/End move between tabs and open them
 * (replacing the history entry, so arrowing through tabs is not a trail
 * of Back steps); Tab leaves the list to the panel. The panel is the
 * element with id `panelId`.
 */
@Component({
  selector: 'tr-tab-nav',
  imports: [RouterLink, TabLink],
  template: `
    <div class="tabs" role="tablist" [attr.aria-label]="label()" (keydown)="keydown($event)">
      @for (t of tabs(); track t.path; let i = $index) {
        <a trTab role="tab" [routerLink]="link(t)" [attr.id]="'tab-' + t.testId" [attr.aria-selected]="selected(t)" [attr.aria-controls]="panelId()"
          [tabIndex]="selected(t) ? 0 : -1" [attr.data-testid]="t.testId">{{ t.label }}</a>
      }
    </div>
  `,
})
export class TabNav {
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);
  readonly tabs = input.required<TabLinkDef[]>();
  /** The URL the tab paths are relative to, e.g. '/projects/<id>'. */
  readonly base = input.required<string>();
  readonly label = input.required<string>();
  readonly panelId = input('tabpanel');

  private readonly links = viewChildren(TabLink);
  private readonly url = toSignal(this.router.events.pipe(filter((e) => e instanceof NavigationEnd), map((e) => e.urlAfterRedirects)), {
    initialValue: this.router.url,
  });
  private keys: FocusKeyManager<TabLink> | null = null;

  link(t: TabLinkDef): string {
    return `${this.base()}/${t.path}`;
  }

  selected(t: TabLinkDef): boolean {
    this.url(); // re-evaluated on every navigation
    return [t.path, ...(t.also ?? [])].some((p) => this.router.isActive(`${this.base()}/${p}`, MATCH));
  }

  keydown(e: KeyboardEvent): void {
    if (!['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(e.key)) return;
    this.keys ??= new FocusKeyManager(this.links, this.injector).withHorizontalOrientation('ltr').withWrap().withHomeAndEnd();
    const current = this.links().findIndex((l) => l.el.nativeElement === document.activeElement);
    this.keys.updateActiveItem(Math.max(0, current));
    this.keys.onKeydown(e);
    const i = this.keys.activeItemIndex ?? 0;
    const t = this.tabs()[i];
    if (t && i !== current) void this.router.navigateByUrl(this.link(t), { replaceUrl: true });
  }
}
