namespace Bastion.Cli.Tables;

/// <summary>
/// One declared column: where its value comes from in a row, and its header.
/// </summary>
/// <param name="Path">
/// Where the value is, from the row's record: <c>name</c>, <c>cpu.busy_percent</c> (a nested field), <c>disks[].used_percent</c>
/// (every element of an array), <c>.</c> (the row itself, for arrays of strings), <c>../host</c> (the record that holds the
/// row's array), <c>/series</c> (the answer's root). A suffix picks how several values combine: <c>|max</c>, <c>|min</c>,
/// <c>|sum</c>, <c>|count</c>, <c>|join</c> (comma-separated), <c>|pairs</c> (a map as k=v, for labels), <c>|firstline</c> (a text's first non-empty line).
/// </param>
/// <param name="Header">The header; null derives it from the field name (<c>used_percent</c> → <c>used %</c>).</param>
/// <param name="UnitFrom">
/// A path (as <paramref name="Path"/>) to a text naming the value's unit by its suffix, e.g. <c>metric</c> holding
/// <c>memory.used_bytes</c>; null when the field's own name carries the unit.
/// </param>
internal sealed record TableColumn(string Path, string? Header = null, string? UnitFrom = null);
