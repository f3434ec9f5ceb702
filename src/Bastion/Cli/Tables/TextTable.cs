namespace Bastion.Cli.Tables;

/// <summary>A table ready to print: a title, headers (units in them where cells carry none) and rows of formatted cells.</summary>
/// <param name="Title">Printed above the table; null for none.</param>
/// <param name="Headers">One per column.</param>
/// <param name="Rows">Cells per row, as many as <paramref name="Headers"/>; an empty cell is printed as nothing.</param>
internal sealed record TextTable(string? Title, IReadOnlyList<string> Headers, IReadOnlyList<string[]> Rows) : TableBlock;
