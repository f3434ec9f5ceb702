namespace Bastion.Cli.Tables;

/// <summary>One piece of a rendered answer, printed in order: a <see cref="TextTable"/> or a <see cref="TextLine"/>.</summary>
internal abstract record TableBlock;
