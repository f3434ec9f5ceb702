using System.Text.Json.Nodes;
using Bastion.Core.Secrets;

namespace Bastion.Core.Tests.Secrets;

public class RedactorArrayTests
{
    [Fact]
    public void Redact_HidesAPrivateKeyPrintedOneLinePerElement_AndKeepsTheLinesAround()
    {
        var lines = new JsonArray("before", "-----BEGIN OPENSSH PRIVATE KEY-----", "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ", "AAAAAAABAAAAMwAAAAtzc2gtZWQyNTUxOQ", "-----END OPENSSH PRIVATE KEY-----", "after");
        var redacted = new Redactor().Redact(new JsonObject { ["lines"] = lines })!["lines"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        redacted.Count.ShouldBe(6);
        redacted[0].ShouldBe("before");
        redacted[5].ShouldBe("after");
        redacted.Skip(1).Take(4).ShouldAllBe(l => l.StartsWith("[REDACTED:", StringComparison.Ordinal));
    }

    [Fact]
    public void Redact_EndsTheKeyBlock_AtTheEndLine_OrAtAnElementThatIsNotText()
    {
        var mixed = new JsonArray("-----BEGIN RSA PRIVATE KEY-----", "MIIEow", 42, "plain text");
        var redacted = new Redactor().Redact(mixed)!.AsArray();
        redacted[1]!.GetValue<string>().ShouldStartWith("[REDACTED:");
        redacted[2]!.GetValue<int>().ShouldBe(42);
        redacted[3]!.GetValue<string>().ShouldBe("plain text");
    }

    [Theory]
    [InlineData("{\"credentials\":[]}")]
    [InlineData("{\"tokens\":{\"count\":2}}")]
    public void Redact_LeavesJsonArraysAndObjectsUnderSensitiveNames_Intact(string json) =>
        new Redactor().Redact(json).ShouldBe(json);
}
