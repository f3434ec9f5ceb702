using System.Reflection;
using System.Xml.Linq;
using Bastion.Testing;

namespace Bastion.Tests.Architecture;

/// <summary>Who references whom among Bastion's own projects, read two ways: from the <c>ProjectReference</c>s of the
/// csproj files under <c>src/</c> (what the build is allowed to use) and from the compiled assemblies'
/// <see cref="Assembly.GetReferencedAssemblies"/> (what the code really uses).</summary>
internal static class ProjectGraph
{
    /// <summary>Project name → the projects its csproj references directly.</summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> FromProjectFiles()
    {
        var graph = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Repository.Root, "src"), "*.csproj", SearchOption.AllDirectories))
        {
            graph[Path.GetFileNameWithoutExtension(file)] = XDocument.Load(file).Descendants("ProjectReference")
                .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
                .ToHashSet(StringComparer.Ordinal);
        }

        return graph;
    }

    /// <summary>Assembly name → the Bastion assemblies it references, for <paramref name="names"/> and all they reach.</summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> FromAssemblies(IEnumerable<string> names)
    {
        var graph = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        var todo = new Stack<string>(names);
        while (todo.TryPop(out var name))
        {
            if (graph.ContainsKey(name))
            {
                continue;
            }

            var references = Assembly.Load(new AssemblyName(name)).GetReferencedAssemblies()
                .Select(a => a.Name!).Where(IsOurs).ToHashSet(StringComparer.Ordinal);
            graph[name] = references;
            foreach (var r in references)
            {
                todo.Push(r);
            }
        }

        return graph;
    }

    /// <summary>Whether an assembly or project name is one of ours.</summary>
    public static bool IsOurs(string name) => name == "Bastion" || name.StartsWith("Bastion.", StringComparison.Ordinal);
}
