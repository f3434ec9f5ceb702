namespace Bastion.Cli.Tables;

/// <summary>A line of text between tables: a caption (what the table covers), a note from the tool, or verbatim content.</summary>
/// <param name="Text">The line; never holds a newline.</param>
/// <param name="Verbatim">True for content printed as is (a file's text), never cut to the terminal's width.</param>
internal sealed record TextLine(string Text, bool Verbatim = false) : TableBlock;
