using System.Text;
using System.Text.Json.Nodes;
using Bastion.Core.Secrets;

namespace Bastion.Core.Tests.Secrets;

/// <summary>
/// Property tests: a known secret cut, re-laid, windowed or encoded in every way these generators produce never comes
/// back whole nor in a fragment long enough to count (12 characters, or half the value when shorter, never under 8).
/// </summary>
public class RedactorReshapingTests
{
    /// <summary>Known values in the shapes Bastion holds: a vault key, an API key, a human password, a short token.</summary>
    private static readonly string[] _secrets =
    [
        "q4Fz9KcW1mB7pR2xT6vN0yH3jL8sD5aE+gU/oIkZrXw=",
        "ak_live_7Gq2Rw9Zp4Lm1Xc8Vb3Nt6Ys0Hd5Jf",
        "c0rrect-Horse_battery!staple",
        "Tr0ub4dor&3x",
    ];

    private static readonly string[] _separators = ["\n", "\r\n", "\\n", "\\r\\n", " ", ",", "\"", "', '", "\t", " | ", "\",\"", ";"];

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 40)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Redact_HidesAKnownSecret_WithAnySeparatorBetweenItsCharacters(int seed)
    {
        var random = new Random(seed);
        var redactor = new Redactor(_secrets);
        foreach (var secret in _secrets)
        {
            var separator = _separators[random.Next(_separators.Length)];
            var laid = new StringBuilder();
            var i = 0;
            while (i < secret.Length)
            {
                var chunk = Math.Min(secret.Length - i, random.Next(1, 4));
                laid.Append(secret, i, chunk).Append(random.Next(3) == 0 ? _separators[random.Next(_separators.Length)] : separator);
                i += chunk;
            }

            var text = $"$ grep -o . file\nbefore\n{laid}after\n";
            var output = redactor.Redact(text);

            AssertNoFragment(output, secret);
            output.ShouldStartWith("$ grep -o . file\nbefore\n");
            output.ShouldEndWith("after\n");
            output.ShouldContain("[REDACTED:known_secret]");
        }
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\\n")]
    [InlineData("\\u000a")]
    [InlineData(" ")]
    [InlineData(",")]
    [InlineData("\",\"")]
    public void Redact_HidesAKnownSecret_OneCharacterPerLine(string separator)
    {
        var redactor = new Redactor(_secrets);
        foreach (var secret in _secrets)
        {
            var output = redactor.Redact(string.Join(separator, secret.ToCharArray()));
            AssertNoFragment(output, secret);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Redact_HidesEveryWindowOfAKnownSecret_LongEnoughToCount(int seed)
    {
        var random = new Random(seed);
        var redactor = new Redactor(_secrets);
        foreach (var secret in _secrets)
        {
            var minimum = FragmentLength(secret);
            var length = random.Next(minimum, secret.Length + 1);
            var offset = random.Next(0, secret.Length - length + 1);
            var window = secret.Substring(offset, length);
            var noise = RandomWord(random);

            // head -c / tail -c / files_read offset+length: the window alone, glued to other bytes, or re-laid.
            foreach (var text in new[] { window, noise + window + noise, string.Join('\n', window.ToCharArray()), $"{{\"content\":\"{window}\"}}" })
            {
                AssertNoFragment(redactor.Redact(text), secret);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Redact_HidesAKnownSecret_InHexOrBase64_AtAnyAlignment(int seed)
    {
        var random = new Random(seed);
        var redactor = new Redactor(_secrets);
        foreach (var secret in _secrets)
        {
            var prefix = new string('x', random.Next(0, 5));
            var bytes = Encoding.UTF8.GetBytes(prefix + secret + "\n");
            var hex = Convert.ToHexStringLower(bytes);
            var xxd = string.Join('\n', hex.Chunk(60).Select(c => new string(c)));
            var od = string.Join(' ', hex.Chunk(2).Select(c => new string(c)));
            var base64 = string.Join('\n', Convert.ToBase64String(bytes).Chunk(76).Select(c => new string(c)));

            AssertNoFragment(redactor.Redact(xxd), Convert.ToHexStringLower(Encoding.UTF8.GetBytes(secret)), 2 * FragmentLength(secret));
            AssertNoFragment(redactor.Redact(od.ToUpperInvariant()), Convert.ToHexStringLower(Encoding.UTF8.GetBytes(secret)), 2 * FragmentLength(secret));
            var encoded = redactor.Redact(base64);
            encoded.ShouldContain("[REDACTED:known_secret]");

            // What is left of the encoding is at most a stub at each end, each shorter than an encoded fragment.
            var left = encoded.Replace("[REDACTED:known_secret]", string.Empty, StringComparison.Ordinal).Count(c => c is not '\n');
            left.ShouldBeLessThan(2 * ((FragmentLength(secret) * 4 / 3) + 4), encoded);
        }
    }

    [Fact]
    public void Redact_HidesTheBytesOfABase64Key_WrittenAsHexadecimal()
    {
        var key = _secrets[0];
        var redactor = new Redactor([key]);
        var hex = Convert.ToHexStringLower(Convert.FromBase64String(key));

        var output = redactor.Redact($"$ base64 -d vault.key | xxd -p\n{hex[..40]}\n{hex[40..]}\n");

        output.ShouldBe("$ base64 -d vault.key | xxd -p\n[REDACTED:known_secret]\n");
    }

    [Fact]
    public void Redact_HidesAKnownSecret_WhateverItsCase()
    {
        var redactor = new Redactor(_secrets);
        redactor.Redact(_secrets[1].ToUpperInvariant()).ShouldBe("[REDACTED:known_secret]");
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void RedactJson_HidesAKnownSecret_SpreadOverArrayElementsOrProperties(int seed)
    {
        var random = new Random(seed);
        var redactor = new Redactor(_secrets);
        foreach (var secret in _secrets)
        {
            var lines = new JsonArray(JsonValue.Create("before"));
            var chunks = new JsonArray();
            var i = 0;
            while (i < secret.Length)
            {
                var chunk = Math.Min(secret.Length - i, random.Next(1, 4));
                lines.Add(JsonValue.Create(secret.Substring(i, chunk)));
                chunks.Add(new JsonObject { ["offset"] = i, ["text"] = secret.Substring(i, chunk) });
                i += chunk;
            }

            lines.Add(JsonValue.Create("after"));
            var redacted = redactor.Redact(new JsonObject { ["lines"] = lines, ["chunks"] = chunks })!;

            AssertNoFragment(redacted.ToJsonString(), secret);
            redacted["lines"]![0]!.GetValue<string>().ShouldBe("before");
            redacted["lines"]!.AsArray()[^1]!.GetValue<string>().ShouldBe("after");
            redacted["chunks"]![0]!["offset"]!.GetValue<int>().ShouldBe(0, "numbers and names stay");
        }
    }

    [Fact]
    public void RedactKnownSecretsJson_HidesOnlyKnownValues_InAnyLayout_AndKeepsTheJsonValid()
    {
        var redactor = new Redactor([_secrets[1]]);
        var node = new JsonObject
        {
            ["password"] = "an-app-password-the-caller-may-see",
            ["chars"] = new JsonArray([.. _secrets[1].Select(c => (JsonNode?)JsonValue.Create(c.ToString()))]),
            ["n"] = 12345678,
        };

        var redacted = redactor.RedactKnownSecrets(node)!;

        redacted["password"]!.GetValue<string>().ShouldBe("an-app-password-the-caller-may-see");
        AssertNoFragment(redacted.ToJsonString(), _secrets[1]);
        redacted["n"]!.GetValue<int>().ShouldBe(12345678);
        JsonNode.Parse(redacted.ToJsonString()).ShouldNotBeNull();
    }

    [Fact]
    public void KnownSecrets_ShorterThanEightLettersAndDigits_AreMatchedOnlyExactly()
    {
        var redactor = new Redactor(["abc123", "x-y-z-1-2-3-4"]);
        redactor.Redact("abc123 a\nb\nc\n1\n2\n3 xyz1234").ShouldBe("[REDACTED:known_secret] a\nb\nc\n1\n2\n3 xyz1234");
    }

    [Fact]
    public void KnownSecrets_ShortFragments_AreLeftAlone()
    {
        var redactor = new Redactor([_secrets[1]]);
        var piece = _secrets[1][3..10]; // 7 characters: under the shortest fragment that counts
        redactor.Redact($"id {piece} ok").ShouldBe($"id {piece} ok");
    }

    [Theory]
    [MemberData(nameof(RedactorTests.OrdinaryText), MemberType = typeof(RedactorTests))]
    public void Redact_LeavesOrdinaryOutputAlone_WhenItKnowsSecrets(string text) =>
        new Redactor(_secrets).Redact(text).ShouldBe(text);

    [Theory]
    [MemberData(nameof(RedactorTests.Fixtures), MemberType = typeof(RedactorTests))]
    public void Redact_LeavesCapturedCommandOutputAlone_WhenItKnowsSecrets(string fixture)
    {
        var text = Fixture.Read(fixture);
        new Redactor(_secrets).Redact(text).ShouldBe(text);
    }

    private static int FragmentLength(string secret)
    {
        var letters = secret.Count(char.IsLetterOrDigit);
        return Math.Min(letters, Math.Clamp((letters + 1) / 2, 8, 12));
    }

    /// <summary>Fails when the letters and digits of <paramref name="output"/> hold a run of <paramref name="minimum"/> or more of <paramref name="secret"/>'s.</summary>
    private static void AssertNoFragment(string output, string secret, int? minimum = null)
    {
        var plain = Collapse(output.Replace("\\u000a", "\n", StringComparison.Ordinal).Replace("\\r", "\r", StringComparison.Ordinal).Replace("\\n", "\n", StringComparison.Ordinal));
        var value = Collapse(secret);
        var length = minimum ?? FragmentLength(secret);
        for (var i = 0; i + length <= value.Length; i++)
        {
            plain.ShouldNotContain(value.Substring(i, length), Case.Sensitive, $"a fragment of '{secret}' is left in: {output}");
        }
    }

    private static string Collapse(string text) => new([.. text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant)]);

    private static string RandomWord(Random random) => new([.. Enumerable.Range(0, random.Next(0, 6)).Select(_ => (char)('a' + random.Next(26)))]);
}
