import { Component, DestroyRef, ElementRef, ViewEncapsulation, computed, inject, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { Router } from '@angular/router';
import { Subject, catchError, debounceTime, of, switchMap } from 'rxjs';
import { STATUS_LABEL, STATUSES } from '../core/models';
import {
  MAX_SEARCH_CHARS, NO_SEARCH_FILTERS, SearchApi, SearchFilters, SearchHit, SearchResults, hitLink, searchParams, snippetHtml, titleHtml,
} from '../core/search';

/**
 * The global search box of the top bar (`/` focuses it): results from the
 * search service as the user types (typos and unfinished words allowed),
 * with the matches highlighted, a status filter and "assigned to me".
 * ArrowDown/ArrowUp choose a result and Enter opens it; Enter without a
 * chosen result lists matching titles on the My tasks screen.
 */
@Component({
  selector: 'tr-search-box',
  imports: [FormsModule],
  host: { '(focusout)': 'onFocusOut($event)' },
  // Not encapsulated: the snippets' <mark>s come in through innerHTML.
  encapsulation: ViewEncapsulation.None,
  styles: `
    tr-search-box { position: relative; }
    tr-search-box .search-form { display: flex; width: 100%; }
    .search-panel { position: absolute; top: calc(100% + .35rem); left: 0; right: 0; min-width: min(26rem, calc(100vw - 1rem)); z-index: 50;
      background: var(--surface); color: var(--text); border: 1px solid var(--line); border-radius: 9px; box-shadow: var(--shadow-lift); padding: .4rem; }
    .search-filters { display: flex; flex-wrap: wrap; gap: .75rem; align-items: center; padding: .2rem .35rem .45rem; border-bottom: 1px solid var(--line); font-size: .85rem; }
    .search-filters label { display: inline-flex; align-items: center; gap: .35rem; }
    .search-panel input, .search-panel select { width: auto; background: var(--surface); color: var(--text); border-color: var(--field-border); padding: .15rem .3rem; }
    .search-panel ul { list-style: none; margin: .3rem 0 0; padding: 0; max-height: 60vh; overflow-y: auto; }
    .search-panel li { display: flex; flex-direction: column; gap: .1rem; padding: .45rem .55rem; border-radius: 6px; cursor: pointer; }
    .search-panel li:hover, .search-panel li.active { background: var(--surface-hover); }
    .search-panel li.active { outline: 2px solid var(--focus); outline-offset: -2px; }
    .search-title { font-weight: 600; overflow-wrap: anywhere; }
    .search-meta, .search-snippet, .search-status { font-size: .82rem; color: var(--muted); overflow-wrap: anywhere; }
    .search-status { margin: .3rem .55rem .1rem; }
    .search-panel mark { background: var(--warn-soft); color: inherit; border-radius: 2px; padding: 0 1px; }
  `,
  template: `
    <form role="search" (ngSubmit)="submit()" class="search-form">
      <input #box type="search" name="q" autocomplete="off" [maxlength]="maxChars"
        [ngModel]="q()" (ngModelChange)="type($event)" (focus)="open.set(true)" (keydown)="onKey($event)"
        placeholder="Search tasks…" aria-label="Search tasks in all projects" data-testid="global-search"
        role="combobox" aria-autocomplete="list" aria-controls="search-results" [attr.aria-expanded]="showPanel()"
        [attr.aria-activedescendant]="active() >= 0 ? 'search-hit-' + active() : null" />
    </form>
    @if (showPanel()) {
      <div class="search-panel" data-testid="search-panel">
        <div class="search-filters">
          <label>Status
            <select [ngModel]="filters().status" (ngModelChange)="setFilter({ status: $event })" data-testid="search-status">
              <option value="">Any</option>
              @for (s of statuses; track s) { <option [value]="s">{{ statusLabel[s] }}</option> }
            </select>
          </label>
          <label><input type="checkbox" [ngModel]="filters().mine" (ngModelChange)="setFilter({ mine: $event })" data-testid="search-mine" /> Assigned to me</label>
        </div>
        <ul id="search-results" role="listbox" aria-label="Search results">
          @for (h of results()?.items ?? []; track h.id; let i = $index) {
            <li role="option" [id]="'search-hit-' + i" [attr.aria-selected]="i === active()" [class.active]="i === active()"
              (mousedown)="$event.preventDefault()" (click)="go(h)" data-testid="search-result">
              <span class="search-title">
                @if (titleOf(h); as html) { <span [innerHTML]="html"></span> } @else { {{ h.title }} }
              </span>
              <span class="search-meta">{{ h.kind === 'project' ? 'Project' : h.projectKey + ' · ' + h.projectName }}@if (h.status) { · {{ statusLabel[h.status] }}}</span>
              @if (snippetOf(h); as html) { <span class="search-snippet" [innerHTML]="html"></span> }
            </li>
          }
        </ul>
        <p class="search-status" role="status" data-testid="search-count">{{ statusLine() }}</p>
      </div>
    }
  `,
})
export class SearchBox {
  private readonly api = inject(SearchApi);
  private readonly router = inject(Router);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly box = viewChild<ElementRef<HTMLInputElement>>('box');

  protected readonly statuses = STATUSES;
  protected readonly statusLabel = STATUS_LABEL;
  protected readonly maxChars = MAX_SEARCH_CHARS;
  protected readonly q = signal('');
  protected readonly filters = signal<SearchFilters>(NO_SEARCH_FILTERS);
  protected readonly results = signal<SearchResults | null>(null);
  protected readonly failed = signal(false);
  protected readonly active = signal(-1);
  protected readonly open = signal(false);
  protected readonly showPanel = computed(() => this.open() && (this.q().trim() !== '' || this.results() !== null));
  protected readonly statusLine = computed(() => {
    if (this.failed()) return 'Search is not available right now.';
    const r = this.results();
    if (!r) return 'Searching…';
    if (r.total === 0) return 'No results.';
    return r.total === 1 ? '1 result' : `${r.total} results` + (r.total > r.items.length ? `, the best ${r.items.length} shown` : '');
  });

  private readonly asks = new Subject<void>();

  constructor() {
    this.asks
      .pipe(
        debounceTime(120),
        switchMap(() => {
          const params = searchParams(this.q(), this.filters());
          if (!params) return of(null);
          return this.api.search(params).pipe(catchError(() => of('failed' as const)));
        }),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe((r) => {
        this.failed.set(r === 'failed');
        this.results.set(r === 'failed' ? null : r);
        this.active.set(-1);
      });
  }

  focus(): void {
    this.box()?.nativeElement.focus();
  }

  protected titleOf = titleHtml;
  protected snippetOf = snippetHtml;

  protected type(q: string): void {
    this.q.set(q);
    this.open.set(true);
    this.asks.next();
  }

  protected setFilter(change: Partial<SearchFilters>): void {
    this.filters.update((f) => ({ ...f, ...change }));
    this.asks.next();
  }

  protected onKey(e: KeyboardEvent): void {
    const n = this.results()?.items.length ?? 0;
    if (e.key === 'ArrowDown' && n) {
      e.preventDefault();
      this.open.set(true);
      this.active.update((i) => (i + 1) % n);
    } else if (e.key === 'ArrowUp' && n) {
      e.preventDefault();
      this.active.update((i) => (i <= 0 ? n - 1 : i - 1));
    } else if (e.key === 'Escape' && this.showPanel()) {
      e.preventDefault();
      e.stopPropagation();
      this.open.set(false);
    }
  }

  protected onFocusOut(e: FocusEvent): void {
    if (!this.host.nativeElement.contains(e.relatedTarget as Node | null)) this.open.set(false);
  }

  protected submit(): void {
    const chosen = this.results()?.items[this.active()];
    if (chosen) {
      this.go(chosen);
      return;
    }
    const q = this.q().trim();
    this.open.set(false);
    void this.router.navigate(['/my-tasks'], { queryParams: { assignee: 'any', q: q || null } });
  }

  protected go(h: SearchHit): void {
    this.open.set(false);
    this.active.set(-1);
    void this.router.navigateByUrl(hitLink(h));
  }

}
