using System.Text.Json;
using System.Text.Json.Nodes;
using Bastion.Core.Secrets;

namespace Bastion.Core.Tests.Secrets;

/// <summary>
/// <see cref="Redactor.IsClean"/> lets the call pipeline keep a result without copying it: it must say clean only when
/// <see cref="Redactor.Redact(JsonNode?)"/> would change nothing, for every way a secret can sit in a JSON document.
/// </summary>
public class RedactorCleanTests
{
    private const string Known = "q4Fz9KcW1mB7pR2xT6vN0yH3";

    public static TheoryData<string, bool> Documents() => new()
    {
        { """{"host":"h042","series":[{"metric":"cpu.busy_percent","points":[[1796553000,12.5],[1796553060,13]]}],"notes":[]}""", true },
        { """{"hosts":[{"rank":1,"host":"h118","value":97.2,"source":"bastion-collector"}],"since":"2026-12-06T10:00:00+00:00"}""", true },
        { """{"max_tokens":42,"token_count":"7","secret":null,"db_password":1234,"password":""}""", true },
        { """{"password":"[REDACTED:password]"}""", true },
        { """{"user":"app","password":"hunter22"}""", false },
        { """{"nested":{"list":[1,{"apiKey":"k"}]}}""", false },
        { """{"note":"token=abc123"}""", false },
        { """{"lines":["ok","Bearer 0123456789abcdefghij"]}""", false },
        { """{"lines":["-----BEGIN OPENSSH PRIVATE KEY-----","b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW","-----END OPENSSH PRIVATE KEY-----"]}""", false },
        { $$"""{"out":"uses {{Known}} here"}""", false },
        { $$"""{"chars":["{{Known[..12]}}","{{Known[12..]}}"]}""", false },
        { "\"password=x1\"", false },
        { "\"plain text\"", true },
        { "[]", true },
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public void IsClean_AgreesWithRedact_OnEveryShapeOfSecret(string json, bool clean)
    {
        var redactor = new Redactor([Known]);
        var node = JsonNode.Parse(json);
        var unchanged = redactor.Redact(node)?.ToJsonString() == node?.ToJsonString();

        unchanged.ShouldBe(clean, "the case's expectation is what Redact does");
        redactor.IsClean(JsonDocument.Parse(json).RootElement).ShouldBe(clean);
    }

    [Fact]
    public void IsClean_FindsAKnownSecretSplitOverStrings_OnlyWhenItIsKnown()
    {
        var json = $$"""{"a":"{{Known[..12]}}","b":"{{Known[12..]}}"}""";
        var element = JsonDocument.Parse(json).RootElement;

        new Redactor([Known]).IsClean(element).ShouldBeFalse();
        new Redactor().IsClean(element).ShouldBeTrue();
    }
}
