namespace Bastion.Cli.Tables;

/// <summary>One table a tool's answer is shown as.</summary>
/// <param name="Rows">
/// Where the rows are, as a <see cref="TableColumn.Path"/> without a suffix: <c>processes[]</c> (one row per process),
/// <c>hosts[].series[]</c> (one row per series of every host), or <c>.</c> (one row per host of a fan-out answer, or the answer
/// itself). Read from each host's <c>result</c> in fan-out answers, from the root otherwise.
/// </param>
/// <param name="Columns">
/// The columns, in order; the first columns are kept when the terminal is too narrow for all. Empty: the rows' own fields.
/// </param>
/// <param name="Title">Printed above the table; null for none.</param>
internal sealed record TableSpec(string Rows, IReadOnlyList<TableColumn> Columns, string? Title = null);
