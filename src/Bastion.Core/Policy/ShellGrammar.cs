using System.Collections.Frozen;

namespace Bastion.Core.Policy;

/// <summary>
/// What Bastion's two readers of shell lines share, so they cannot drift apart: <see cref="ShellLine"/> (which accepts
/// one simple command and names everything else) and <see cref="ShellSegments"/> (which splits any line into the
/// commands the deny scan looks at). Lines run as <c>/bin/sh -c LINE</c> and scripts under the POSIX shells of
/// <see cref="Wrappers.Shells"/>, so the rules are POSIX sh's.
/// </summary>
internal static class ShellGrammar
{
    /// <summary>
    /// Words that, as a command's first word, open or close a compound command instead of running a program: the
    /// reserved words of POSIX sh, bash's <c>function</c>, <c>select</c>, <c>time</c>, <c>coproc</c> and
    /// <c>[[ ]]</c>, and the brace group.
    /// </summary>
    public static FrozenSet<string> Keywords { get; } = FrozenSet.Create(
        StringComparer.Ordinal,
        "if", "then", "else", "elif", "fi", "do", "done", "case", "esac", "while", "until", "for", "in", "select",
        "function", "time", "coproc", "[[", "]]", "{", "}", "!");

    /// <summary>
    /// True when a backslash inside double quotes escapes <paramref name="next"/>. POSIX sh removes the backslash before
    /// <c>$</c>, <c>`</c>, <c>"</c>, <c>\</c> and a newline (which goes too: a line continuation); before any other
    /// character the backslash stays, so <c>"\n"</c> is backslash and n.
    /// </summary>
    public static bool EscapesInDoubleQuotes(char next) => next is '$' or '`' or '"' or '\\' or '\n';
}
