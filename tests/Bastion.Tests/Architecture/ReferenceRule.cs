namespace Bastion.Tests.Architecture;

/// <summary>One rule of the house: projects named <paramref name="Projects"/> must not depend, directly or through
/// others, on any project named <paramref name="Forbidden"/>. A name ending in <c>*</c> matches the name and every
/// <c>name.*</c> project (<c>Bastion.Providers*</c>: the kit and each platform).</summary>
/// <param name="Projects">Whom the rule binds.</param>
/// <param name="Forbidden">What they must not reach.</param>
/// <param name="Why">The reason, shown when the rule is broken.</param>
internal sealed record ReferenceRule(string Projects, IReadOnlyList<string> Forbidden, string Why)
{
    /// <summary>Whether <paramref name="project"/> matches the pattern <paramref name="pattern"/>.</summary>
    public static bool Matches(string pattern, string project) => pattern.EndsWith('*')
        ? project == pattern[..^1] || project.StartsWith(pattern[..^1] + ".", StringComparison.Ordinal)
        : project == pattern;

    /// <summary>What each project of <paramref name="graph"/> bound by this rule reaches that it must not, as sentences.</summary>
    public IEnumerable<string> Violations(IReadOnlyDictionary<string, IReadOnlySet<string>> graph) =>
        from project in graph.Keys.Where(p => Matches(Projects, p)).Order(StringComparer.Ordinal)
        from reached in Reach(graph, project).Order(StringComparer.Ordinal)
        where reached != project && Forbidden.Any(f => Matches(f, reached))
        select $"{project} depends on {reached} ({Why})";

    /// <summary>Every project <paramref name="start"/> reaches through <paramref name="graph"/>, itself included.</summary>
    public static IReadOnlySet<string> Reach(IReadOnlyDictionary<string, IReadOnlySet<string>> graph, string start)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var todo = new Stack<string>([start]);
        while (todo.TryPop(out var next))
        {
            if (seen.Add(next) && graph.TryGetValue(next, out var direct))
            {
                foreach (var d in direct)
                {
                    todo.Push(d);
                }
            }
        }

        return seen;
    }
}
