using System.Text.Json;
using Bastion.Mcp.Pipeline;

namespace Bastion.Mcp.Tests;

public class JsonSchemaValidatorTests
{
    private static IReadOnlyList<string> Check(string value, string schema, bool lenient = false) =>
        JsonSchemaValidator.Validate(JsonDocument.Parse(value).RootElement, JsonDocument.Parse(schema).RootElement, lenient);

    [Theory]
    [InlineData("5", """{"type":"integer","minimum":1,"maximum":10}""")]
    [InlineData("\"a\"", """{"type":["string","null"],"maxLength":3}""")]
    [InlineData("null", """{"type":["string","null"]}""")]
    [InlineData("{\"a\":[1,2]}", """{"type":"object","properties":{"a":{"type":"array","items":{"type":"integer"}}},"required":["a"]}""")]
    [InlineData("\"cpu\"", """{"enum":["cpu","memory"]}""")]
    [InlineData("{\"x\":{\"n\":1}}", """{"$defs":{"N":{"type":"object","properties":{"n":{"type":"number"}}}},"properties":{"x":{"$ref":"#/$defs/N"}}}""")]
    [InlineData("[[1796553000,12.5],[1796553060,13]]", """{"type":"array","items":{"type":"array","prefixItems":[{"type":"integer"},{"type":"number"}],"minItems":2,"maxItems":2}}""")]
    [InlineData("[1,\"a\",\"b\"]", """{"type":"array","prefixItems":[{"type":"integer"}],"items":{"type":"string"}}""")]
    public void Validate_Accepts_ConformingValues(string value, string schema) =>
        Check(value, schema).ShouldBeEmpty();

    [Theory]
    [InlineData("0", """{"type":"integer","minimum":1,"maximum":10}""", "$: 0 is below the minimum 1 (accepted: 1 to 10).")]
    [InlineData("1.5", """{"type":"integer"}""", "$: expected an integer, got the number 1.5.")]
    [InlineData("\"abcd\"", """{"type":"string","maxLength":3}""", "$: is 4 characters long; at most 3 are accepted.")]
    [InlineData("{}", """{"type":"object","required":["a"]}""", "$: 'a' is required.")]
    [InlineData("{\"a\":[1,\"x\"]}", """{"properties":{"a":{"items":{"type":"integer"}}}}""", "$.a[1]: expected an integer, got the string \"x\".")]
    [InlineData("{\"b\":1}", """{"properties":{"a":{}},"additionalProperties":false}""", "$: unknown property 'b'; accepted: a.")]
    [InlineData("\"x\"", """{"type":"string","pattern":"^[0-9]+$"}""", "$: \"x\" does not match the pattern ^[0-9]+$.")]
    [InlineData("{\"x\":{\"n\":\"s\"}}", """{"$defs":{"N":{"properties":{"n":{"type":"number"}}}},"properties":{"x":{"$ref":"#/$defs/N"}}}""", "$.x.n: expected a number, got the string \"s\".")]
    [InlineData("[12.5,1796553000]", """{"prefixItems":[{"type":"integer"},{"type":"number"}]}""", "$[0]: expected an integer, got the number 12.5.")]
    [InlineData("[1,\"a\",2]", """{"prefixItems":[{"type":"integer"}],"items":{"type":"string"}}""", "$[2]: expected a string, got the number 2.")]
    [InlineData("[1]", """{"type":"array","minItems":2}""", "$: has 1 item; at least 2 are expected.")]
    [InlineData("[1,2,3]", """{"type":"array","maxItems":2}""", "$: has 3 items; at most 2 are accepted.")]
    public void Validate_Reports_WhatIsWrong_AndWhatIsAccepted(string value, string schema, string error) =>
        Check(value, schema).ShouldBe([error]);

    [Fact]
    public void Validate_ReadsNumbersInStrings_OnlyWhenLenient()
    {
        Check("\"7\"", """{"type":"integer"}""").ShouldNotBeEmpty();
        Check("\"7\"", """{"type":"integer","maximum":10}""", lenient: true).ShouldBeEmpty();
        Check("\"70\"", """{"type":"integer","maximum":10}""", lenient: true).ShouldNotBeEmpty();
    }
}
