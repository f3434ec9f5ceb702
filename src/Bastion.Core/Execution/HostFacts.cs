namespace Bastion.Core.Execution;

/// <summary>
/// The sections of one fact script's output on one host, with accessors that turn a missing source or a
/// parse failure into a <see cref="BastionException"/> naming the host and the source.
/// </summary>
public sealed class HostFacts(string host, IReadOnlyDictionary<string, ScriptSection> sections)
{
    /// <summary>The host the facts were read on.</summary>
    public string Host { get; } = host;

    /// <summary>The section's text when it printed anything (even with a non-zero status, as <c>cat</c> does when a
    /// process vanished between glob and read); otherwise null.</summary>
    public string? Optional(string section) =>
        sections.TryGetValue(section, out var s) && s.Text.Trim().Length > 0 ? s.Text : null;

    /// <summary>The section's text.</summary>
    /// <exception cref="BastionException">The section printed nothing: <paramref name="source"/> is not available on the host.</exception>
    public string Require(string section, string source) =>
        Optional(section) ?? throw new BastionException($"Host '{Host}': {source} is not available on this host.");

    /// <summary>Parses the section with <paramref name="parse"/>.</summary>
    /// <exception cref="BastionException">The section is missing, or <paramref name="parse"/> rejected it.</exception>
    public T Parse<T>(string section, string source, Func<string, T> parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var text = Require(section, source);
        try
        {
            return parse(text);
        }
        catch (FormatException e)
        {
            throw new BastionException($"Host '{Host}': cannot read {source}: {e.Message}", e);
        }
    }

    /// <summary>Parses the section when it printed anything; null otherwise.</summary>
    /// <exception cref="BastionException"><paramref name="parse"/> rejected the text.</exception>
    public T? TryParse<T>(string section, string source, Func<string, T> parse) where T : class =>
        Optional(section) is null ? null : Parse(section, source, parse);
}
