// Redaction speed: Redactor.Redact (patterns and known values) and RedactKnownSecrets (known values only: exact forms,
// then the collapsed-text fragment index) on 1 MiB of ordinary command output, with 0, 3 and 200 known values.
// Best of 9 runs after 3 discarded warm-ups, milliseconds per MiB. Run: dotnet run -c Release --project bench/redaction
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Bastion.Core.Secrets;

string[] filler =
[
    " 10:14:02 up 3 days,  2:11,  2 users,  load average: 0.08, 0.03, 0.01",
    "/dev/sda1       20509264 7534212  11909908  39% /",
    "Jan 10 10:00:01 web-01 sshd[1234]: Accepted password for alice from 10.0.0.5 port 52144 ssh2",
    "root      1234  0.0  0.7 215684 28112 ?  Ss   Jan09   0:00 /usr/sbin/sshd -D",
    "{\"name\":\"sda\",\"size\":\"20G\",\"type\":\"disk\",\"mountpoint\":null}",
    "PWD=/home/alice",
];
var random = new Random(1);
var builder = new StringBuilder();
while (builder.Length < 1 << 20)
{
    builder.Append(filler[random.Next(filler.Length)]).Append('\n');
}

var text = builder.ToString();
string[] three = ["k9#Known-Canary-Secret!", "another-known-secret", "and-a-third-one"];
var many = Enumerable.Range(0, 200).Select(_ => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))).ToArray();

Console.WriteLine($"load average at start: {File.ReadAllText("/proc/loadavg").Trim()}");
Measure("Redact, no known values", new Redactor().Redact);
Measure("Redact, 3 known values", new Redactor(three).Redact);
Measure("Redact, 200 known values", new Redactor(many).Redact);
Measure("RedactKnownSecrets, 3 known values", new Redactor(three).RedactKnownSecrets);
Measure("RedactKnownSecrets, 200 known values", new Redactor(many).RedactKnownSecrets);
Console.WriteLine($"load average at end: {File.ReadAllText("/proc/loadavg").Trim()}");

void Measure(string name, Func<string, string> redact)
{
    for (var i = 0; i < 3; i++)
    {
        _ = redact(text);
    }

    var times = new List<double>();
    for (var i = 0; i < 9; i++)
    {
        var watch = Stopwatch.StartNew();
        _ = redact(text);
        times.Add(watch.Elapsed.TotalMilliseconds);
    }

    times.Sort();
    Console.WriteLine($"{name,-40} best {times[0],7:F1} ms/MiB   median {times[4],7:F1} ms/MiB");
}
