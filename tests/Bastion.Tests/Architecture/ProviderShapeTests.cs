using Bastion.Testing;

namespace Bastion.Tests.Architecture;

/// <summary>
/// The one provider shape, held by a test: each platform project keeps its client, JSON reading and errors in
/// <c>Api/</c>, a folder per feature holding its <c>&lt;Platform&gt;&lt;Feature&gt;Tools.cs</c>, and at its root only
/// <c>&lt;Platform&gt;Options.cs</c>, <c>&lt;Platform&gt;Vault.cs</c>, <c>&lt;Platform&gt;Setup.cs</c> and
/// <c>&lt;Platform&gt;ToolsJson.cs</c> (the source-generated JSON of its tools' arguments and results).
/// </summary>
public sealed class ProviderShapeTests
{
    public static TheoryData<string> Platforms => new() { "Alpacon", "CloudStack", "Cloudways", "WebOps" };

    [Theory]
    [MemberData(nameof(Platforms))]
    public void ProviderRoot_HoldsOnlyOptionsVaultSetupAndToolsJson(string platform)
    {
        var root = Project(platform);

        Directory.EnumerateFiles(root, "*.cs").Select(Path.GetFileName).Order(StringComparer.Ordinal)
            .ShouldBe([$"{platform}Options.cs", $"{platform}Setup.cs", $"{platform}ToolsJson.cs", $"{platform}Vault.cs"]);
        Directory.Exists(Path.Combine(root, "Api")).ShouldBeTrue($"{platform} keeps its client, JSON reading and errors in Api/");
        Folders(root).Intersect(["Client", "Tools", "Resources", "Answers"]).ShouldBeEmpty("a folder is a feature (or Api/), never a kind of file");
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public void ProviderTools_LiveInFeatureFolders_NamedAfterThePlatform(string platform)
    {
        var root = Project(platform);
        var tools = Sources(root).Where(f => File.ReadAllText(f).Contains("[McpServerToolType]", StringComparison.Ordinal)).ToList();

        tools.ShouldNotBeEmpty();
        foreach (var file in tools)
        {
            var relative = Path.GetRelativePath(root, file);
            var folder = Path.GetDirectoryName(relative) ?? string.Empty;
            folder.ShouldNotBeOneOf([string.Empty, "Api"], $"{relative}: tools live in a feature folder");
            Path.GetFileName(file).ShouldStartWith(platform, Case.Sensitive, $"{relative}: a tool class is named <Platform><Feature>Tools");
            Path.GetFileName(file).ShouldEndWith("Tools.cs", Case.Sensitive, relative);
        }
    }

    private static string Project(string platform) => Path.Combine(Repository.Root, "src", $"Bastion.Providers.{platform}");

    private static IEnumerable<string> Folders(string root) =>
        Directory.EnumerateDirectories(root).Select(d => Path.GetFileName(d)!).Where(d => d is not ("bin" or "obj"));

    private static IEnumerable<string> Sources(string root) =>
        Folders(root).SelectMany(d => Directory.EnumerateFiles(Path.Combine(root, d), "*.cs", SearchOption.AllDirectories))
            .Concat(Directory.EnumerateFiles(root, "*.cs"));
}
