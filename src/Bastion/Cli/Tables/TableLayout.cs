namespace Bastion.Cli.Tables;

/// <summary>
/// How one tool's answer is shown as tables: the tables declared here come first; fields they do not use are shown the generic
/// way (scalars in a caption, notes as lines, other arrays of records as tables of their own).
/// </summary>
/// <param name="Tables">The declared tables, in order.</param>
/// <param name="Text">A text field printed verbatim below the tables (a file's content); null for none.</param>
internal sealed record TableLayout(IReadOnlyList<TableSpec> Tables, string? Text = null);
