using Bastion.Core.Policy;

namespace Bastion.Core.Tests.Policy;

public sealed class PolicyFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bastion-policy-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string yaml)
    {
        var path = Path.Combine(_dir, "commands.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    [Fact]
    public void Load_ReadsAValidFile_AndAddsItToTheBuiltInPolicy()
    {
        var path = Write("""
            # Commands policy for the web fleet.
            readonly: ["nginx -T", "docker ps **"]
            deny: ["** --no-preserve-root **"]
            rules:
              - groups: [web, web-canary]
                allow: ["systemctl restart nginx", "systemctl reload nginx"]
                deny: ["systemctl * sshd*"]
                shell: false
              - groups: [db]
                allow: []
                shell: true
            """);
        var policy = CommandPolicy.Load(path);
        policy.ReadOnlyCommands.ShouldContain("nginx -T");
        policy.ReadOnlyCommands.ShouldContain("df **");
        policy.Evaluate(new CommandCheck("nginx -T", null, [], Mode.ReadOnly, false)).Verdict.ShouldBe(CommandVerdict.ReadOnly);
        policy.Evaluate(new CommandCheck("systemctl reload nginx", null, ["web-canary"], Mode.Operator, false)).Verdict.ShouldBe(CommandVerdict.NeedsConfirmation);
        var denied = policy.Evaluate(new CommandCheck("systemctl stop sshd", null, ["web"], Mode.Admin, false));
        denied.Verdict.ShouldBe(CommandVerdict.Refused);
        denied.Reason.ShouldContain($"rule #1 of {path}");
        denied.Reason.ShouldContain("line 7");
        policy.Evaluate(new CommandCheck("ps aux | head", null, ["db"], Mode.Operator, false)).Verdict.ShouldBe(CommandVerdict.NeedsConfirmation);
        policy.Evaluate(new CommandCheck("ps aux | head", null, ["web"], Mode.Operator, false)).Verdict.ShouldBe(CommandVerdict.Refused);
    }

    [Fact]
    public void Load_ReturnsTheBuiltInPolicy_WhenTheFileIsMissing() =>
        CommandPolicy.Load(Path.Combine(_dir, "none.yaml")).ShouldBeSameAs(CommandPolicy.BuiltIn);

    [Theory]
    [InlineData("")]
    [InlineData("# nothing yet\n")]
    [InlineData("readonly:\ndeny: []\nrules:\n")]
    public void Parse_AcceptsAnEmptyPolicy(string yaml) =>
        CommandPolicy.Parse(yaml, "p.yaml").ReadOnlyCommands.ShouldBe(CommandPolicy.BuiltIn.ReadOnlyCommands);

    [Theory]
    [InlineData("readonly: []\nallow: [uptime]\n", "line 2", "unknown key 'allow'; the accepted keys are readonly, deny, rules")]
    [InlineData("rules:\n  - groups: [web]\n    alow: [x]\n", "line 3", "unknown key 'alow' in rule #1; the accepted keys are groups, allow, deny, shell")]
    [InlineData("deny:\n  - rm -rf /\n  - \"grep \\\"open\"\n", "line 3", "pattern 'grep \"open' in 'deny' is invalid: a double quote is not closed")]
    [InlineData("rules:\n  - allow: [\"rm a**\"]\n", "line 2", "'**' must be a word of its own")]
    [InlineData("rules:\n  - groups: [web, \"bad group\"]\n", "line 2", "group 'bad group' is not a valid group name")]
    [InlineData("rules:\n  - groups: [all]\n", "line 2", "Leave 'groups' out for a rule that applies to every host")]
    [InlineData("rules:\n  - shell: yes\n", "line 2", "'shell' must be true or false")]
    [InlineData("readonly: [\"py* **\"]\n", "line 1", "must start with a program name")]
    [InlineData("readonly: uptime\n", "line 1", "'readonly' must be a list of strings")]
    [InlineData("rules:\n  allow: [x]\n", "line 2", "'rules' must be a list of mappings")]
    [InlineData("rules:\n  - uptime\n", "line 2", "rule #1 must be a mapping")]
    [InlineData("deny: [[rm]]\n", "line 1", "every item of 'deny' must be a non-empty string")]
    [InlineData("- uptime\n", "line 1", "must be a mapping with the keys readonly, deny, rules")]
    [InlineData("deny: [rm]\ndeny: [dd]\n", "line 2", "Duplicate key deny. Expected a mapping with the keys readonly, deny, rules, each key once.")]
    [InlineData("deny: [unclosed\n", "line", "Expected a mapping")]
    public void Parse_RefusesABadFile_NamingFileLineAndWhatIsAccepted(string yaml, string line, string message)
    {
        var error = Should.Throw<BastionException>(() => CommandPolicy.Load(Write(yaml))).Message;
        error.ShouldStartWith(Path.Combine(_dir, "commands.yaml"));
        error.ShouldContain(line);
        error.ShouldContain(message);
    }

    [Fact]
    public void Parse_ExplainsThePatternSyntax_OnABadPattern() =>
        Should.Throw<BastionException>(() => CommandPolicy.Parse("deny: [\"\\\\\"]\n", "p.yaml")).Message
            .ShouldContain("the word ** matches any number of arguments");
}
