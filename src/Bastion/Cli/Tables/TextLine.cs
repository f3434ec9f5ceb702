namespace Bastion.Cli.Tables;

/// <summary>A line of text between tables: a caption (what the table covers), a note from the tool, or verbatim content.</summary>
/// <param name="Text">The line; never holds a newline.</param>
/// <param name="Verbatim">True for text that must be read whole (a file's content, a note, a caption): never cut to the terminal's width.</param>
internal sealed record TextLine(string Text, bool Verbatim = false) : TableBlock;
