// Many halls (《规则说明》§15): every page shows one hall, the one its address names as `?hall=<code>`,
// so each hall's pages have their own address that a leader can bookmark and that survives a reload;
// without one, the first hall by code. The loaders give each hall's rows apart (data/warehouse.ts),
// and a page never mixes them. With one hall there is no picker and the address needs no hall.
import * as Inputs from "@observablehq/inputs";

const hallParameter = "hall";

/** Whether the address names a hall. */
export const chosenInAddress = () => new URLSearchParams(location.search).has(hallParameter);

/** The hall the address names, else the first; null when the warehouse has no results yet. */
export function chosenHall(halls) {
  const code = new URLSearchParams(location.search).get(hallParameter);
  return halls.find((hall) => hall.hall_code === code) ?? halls[0] ?? null;
}

/** The chosen hall's part of a loader's output `{halls, by_hall}`. */
export function hallData(loaded) {
  const hall = chosenHall(loaded.halls);
  return loaded.by_hall[hall?.hall_code ?? ""];
}

/** The address of `path` for a hall (relative paths, as the site is served from any folder). */
export function hallHref(path, code) {
  return `${path}?${new URLSearchParams({ [hallParameter]: code })}`;
}

/**
 * The hall picker: choosing a hall opens the same page at that hall's address, or the hall's `page`
 * when given (the comparison opens a hall's 总览). Also makes the sidebar's links keep the hall.
 * Null with one hall.
 */
export function hallPicker(halls, page = null, label = "大厅") {
  if (halls.length < 2) return null;
  const hall = chosenHall(halls);
  for (const link of document.querySelectorAll("#observablehq-sidebar a[href]")) {
    const url = new URL(link.href, location.href);
    if (url.origin !== location.origin || url.pathname.endsWith("/halls")) continue;
    url.searchParams.set(hallParameter, hall.hall_code);
    link.href = url.href;
  }
  const picker = Inputs.select(halls, {
    label,
    format: (option) => `${option.hall_name}（${option.hall_code}）`,
    value: hall,
  });
  picker.classList.add("hall-picker");
  picker.addEventListener("input", () => {
    const url = new URL(page ?? location.href, location.href);
    url.searchParams.set(hallParameter, picker.value.hall_code);
    location.assign(url.href);
  });
  return picker;
}
