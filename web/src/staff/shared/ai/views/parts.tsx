import { For, Show, createUniqueId, type JSX } from 'solid-js';
import { localized } from '../localized';
import type { Localized } from '../types';
import { v } from './messages';
import { Facts } from '../../../../shared/ui/Facts';

/** A department view's frame: a labelled region with its heading, so a reader (and a screen reader) finds it by name. */
export function ViewSection(props: { title: string; children: JSX.Element }) {
  const id = createUniqueId();
  return (
    <section class="ai-department-view" aria-labelledby={id}>
      <h4 id={id}>{props.title}</h4>
      {props.children}
    </section>
  );
}

/**
 * The one line a specialist acts on: "다음 단계 — Fleischner 2017 (…): 3개월 후 CT …", with the
 * follow-up interval where the guideline gives one. Nothing when the server sent no recommendation.
 */
export function NextStep(props: { source?: string | null; category?: string | null; text: Localized | null | undefined; followUp?: string | null }) {
  const source = () => [props.source, props.category].filter(Boolean).join(' ');
  return (
    <Show when={localized(props.text)}>
      <p class="next-step" data-testid="ai-next-step">
        <strong>{v('nextStep')}</strong>
        <Show when={source()}> ({source()})</Show>: {localized(props.text)}
        <Show when={props.followUp}> <span class="badge badge-warn">{v('followUp')} {props.followUp}</span></Show>
      </p>
    </Show>
  );
}

/** Labelled facts of a view (the shared facts list); a fact whose value is missing is left out. */
export function ViewFacts(props: { items: [label: string, value: JSX.Element | string | number | null | undefined][] }) {
  const shown = () => props.items.filter(([, value]) => value !== null && value !== undefined && value !== '') as [string, JSX.Element][];
  return <Show when={shown().length}><Facts items={shown()} /></Show>;
}

/** Localized lines as a bulleted list (nothing when empty). */
export function TextList(props: { label?: string; items: (Localized | null)[] }) {
  const lines = () => props.items.map(localized).filter(Boolean);
  return (
    <Show when={lines().length}>
      <ul aria-label={props.label}><For each={lines()}>{(line) => <li>{line}</li>}</For></ul>
    </Show>
  );
}
