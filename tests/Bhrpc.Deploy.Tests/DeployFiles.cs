using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Bhrpc.Deploy.Tests;

/// <summary>An environment variable set by a deploy file: a literal value or a downward API field.</summary>
public sealed record EnvVar(string File, string Name, string? Value, string? FieldPath)
{
    /// <summary>The configuration key the variable sets ("__" stands for ":").</summary>
    public string Key => Name.Replace("__", ":", StringComparison.Ordinal);

    public override string ToString() => $"{File}: {Name}";
}

/// <summary>Reads the deploy files and the demos' appsettings.json. YAML is read as lines: the files are kept simple enough.</summary>
public static partial class DeployFiles
{
    public static string Root { get; } = FindRoot();

    public static string Path(string relative) => System.IO.Path.Combine(Root, relative.Replace('/', System.IO.Path.DirectorySeparatorChar));

    public static string[] Lines(string relative) => File.ReadAllLines(Path(relative));

    public static IEnumerable<string> K8sManifests =>
        Directory.GetFiles(Path("deploy/k8s"), "*.yaml").Select(f => "deploy/k8s/" + System.IO.Path.GetFileName(f)).Order(StringComparer.Ordinal);

    public const string Compose = "deploy/docker-compose.yml";
    public const string ProviderSettings = "demo/Bhrpc.Boot.Provider/appsettings.json";
    public const string ConsumerSettings = "demo/Bhrpc.Boot.Consumer/appsettings.json";
    public static readonly string[] Dockerfiles = ["deploy/Dockerfile.provider", "deploy/Dockerfile.consumer"];
    public static readonly string[] AppSettings = [ProviderSettings, ConsumerSettings];

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "bhrpc.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("bhrpc.sln not found above " + TestContext.CurrentContext.TestDirectory);
    }

    /// <summary>The leaf values of a JSON file as configuration keys ("A:B:0:C") and their text.</summary>
    public static Dictionary<string, string> Settings(string relative)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        using var document = JsonDocument.Parse(File.ReadAllText(Path(relative)));
        Flatten(document.RootElement, string.Empty, result);
        return result;
    }

    private static void Flatten(JsonElement element, string prefix, Dictionary<string, string> into)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Flatten(property.Value, prefix.Length == 0 ? property.Name : prefix + ":" + property.Name, into);
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Flatten(item, prefix + ":" + i.ToString(CultureInfo.InvariantCulture), into);
                    i++;
                }

                break;
            default:
                into[prefix] = element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText();
                break;
        }
    }

    /// <summary>The lines of one top-level service of the compose file (the lines indented under "  name:").</summary>
    public static string[] ComposeService(string name)
    {
        var lines = Lines(Compose);
        var start = Array.FindIndex(lines, l => l == $"  {name}:");
        if (start < 0)
        {
            throw new InvalidOperationException($"{Compose} has no service {name}");
        }

        return lines.Skip(start + 1).TakeWhile(l => l.Length == 0 || l.StartsWith("    ", StringComparison.Ordinal) || l.TrimStart().StartsWith('#')).ToArray();
    }

    /// <summary>The "environment:" map entries of compose lines.</summary>
    public static List<EnvVar> ComposeEnvironment(string[] lines, string file = Compose)
    {
        var result = new List<EnvVar>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim() != "environment:")
            {
                continue;
            }

            var indent = Indent(lines[i]);
            for (var j = i + 1; j < lines.Length && (lines[j].Trim().Length == 0 || Indent(lines[j]) > indent); j++)
            {
                var m = MapEntry().Match(lines[j]);
                if (m.Success)
                {
                    result.Add(new EnvVar(file, m.Groups[1].Value, Unquote(m.Groups[2].Value), null));
                }
            }
        }

        return result;
    }

    /// <summary>The "- name: X" entries of a Kubernetes manifest, with their "value:" or "valueFrom: ... fieldPath:".</summary>
    public static List<EnvVar> K8sEnvironment(string file)
    {
        var lines = Lines(file);
        var result = new List<EnvVar>();
        for (var i = 0; i < lines.Length; i++)
        {
            var m = ListName().Match(lines[i]);
            if (!m.Success || !IsUnder(lines, i, "env:"))
            {
                continue;
            }

            string? value = null, fieldPath = null;
            var indent = Indent(lines[i]);
            for (var j = i + 1; j < lines.Length && Indent(lines[j]) > indent && !lines[j].TrimStart().StartsWith('-'); j++)
            {
                var entry = MapEntry().Match(lines[j]);
                if (entry.Success && entry.Groups[1].Value == "value")
                {
                    value = Unquote(entry.Groups[2].Value);
                }
                else if (entry.Success && entry.Groups[1].Value == "fieldPath")
                {
                    fieldPath = Unquote(entry.Groups[2].Value);
                }
            }

            result.Add(new EnvVar(file, m.Groups[1].Value, value, fieldPath));
        }

        return result;
    }

    /// <summary>The "ENV a=b c=d" pairs of a Dockerfile (continuation lines joined).</summary>
    public static List<EnvVar> DockerfileEnvironment(string file)
    {
        var result = new List<EnvVar>();
        foreach (var instruction in DockerInstructions(file).Where(x => x.Keyword == "ENV"))
        {
            foreach (var pair in instruction.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                result.Add(new EnvVar(file, pair[..eq], Unquote(pair[(eq + 1)..]), null));
            }
        }

        return result;
    }

    /// <summary>The instructions of a Dockerfile, comments dropped and "\" continuations joined.</summary>
    public static List<(string Keyword, string Arguments)> DockerInstructions(string file)
    {
        var result = new List<(string, string)>();
        var current = string.Empty;
        foreach (var raw in Lines(file))
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || line.Length == 0)
            {
                continue;
            }

            current += (current.Length > 0 ? " " : string.Empty) + line.TrimEnd('\\').Trim();
            if (!line.EndsWith('\\'))
            {
                var space = current.IndexOf(' ', StringComparison.Ordinal);
                result.Add((current[..space].ToUpperInvariant(), current[(space + 1)..].Trim()));
                current = string.Empty;
            }
        }

        return result;
    }

    /// <summary>Every "key: number" value in the lines, for keys like containerPort, port, targetPort.</summary>
    public static List<int> Numbers(IEnumerable<string> lines, string key) =>
        lines.Select(l => MapEntry().Match(l.TrimStart('-', ' ').Insert(0, " ")))
            .Where(m => m.Success && m.Groups[1].Value == key && int.TryParse(Unquote(m.Groups[2].Value), CultureInfo.InvariantCulture, out _))
            .Select(m => int.Parse(Unquote(m.Groups[2].Value), CultureInfo.InvariantCulture))
            .ToList();

    /// <summary>The (path, port) of each httpGet probe in a manifest, with the probe kind (readinessProbe, livenessProbe, ...).</summary>
    public static List<(string Probe, string Path, int Port)> HttpProbes(string file)
    {
        var lines = Lines(file);
        var result = new List<(string, string, int)>();
        for (var i = 0; i < lines.Length; i++)
        {
            var probe = lines[i].Trim();
            if (!probe.EndsWith("Probe:", StringComparison.Ordinal) || i + 1 >= lines.Length || lines[i + 1].Trim() != "httpGet:")
            {
                continue;
            }

            var block = lines.Skip(i + 2).TakeWhile(l => Indent(l) > Indent(lines[i + 1])).ToList();
            var path = block.Select(l => MapEntry().Match(l)).First(m => m.Success && m.Groups[1].Value == "path").Groups[2].Value;
            result.Add((probe.TrimEnd(':'), Unquote(path), Numbers(block, "port").Single()));
        }

        return result;
    }

    /// <summary>The number after "key:" (first occurrence), e.g. terminationGracePeriodSeconds.</summary>
    public static int? Scalar(IEnumerable<string> lines, string key) => Numbers(lines, key).Cast<int?>().FirstOrDefault();

    /// <summary>A .NET TimeSpan ("00:00:20") or a compose duration ("30s", "1m30s").</summary>
    public static TimeSpan Duration(string text)
    {
        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && text.Contains(':', StringComparison.Ordinal))
        {
            return span;
        }

        var total = TimeSpan.Zero;
        var parts = ComposeDuration().Matches(text);
        if (parts.Count == 0 || string.Concat(parts.Select(p => p.Value)) != text)
        {
            throw new FormatException($"'{text}' is neither a TimeSpan nor a compose duration");
        }

        foreach (Match part in parts)
        {
            var n = double.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture);
            total += part.Groups[2].Value switch
            {
                "h" => TimeSpan.FromHours(n),
                "m" => TimeSpan.FromMinutes(n),
                "s" => TimeSpan.FromSeconds(n),
                _ => TimeSpan.FromMilliseconds(n),
            };
        }

        return total;
    }

    public static int Indent(string line) => line.Length - line.TrimStart(' ').Length;

    private static bool IsUnder(string[] lines, int index, string header)
    {
        var indent = Indent(lines[index]);
        for (var k = index - 1; k >= 0; k--)
        {
            if (lines[k].Trim().Length > 0 && !lines[k].TrimStart().StartsWith('#') && Indent(lines[k]) < indent)
            {
                return lines[k].Trim() == header;
            }
        }

        return false;
    }

    private static string Unquote(string value)
    {
        value = value.Trim();
        return value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0] ? value[1..^1] : value;
    }

    [GeneratedRegex(@"^\s+([A-Za-z_][A-Za-z0-9_]*):\s*(\S.*?)\s*$")]
    private static partial Regex MapEntry();

    [GeneratedRegex(@"^\s*-\s+name:\s*(\S+)\s*$")]
    private static partial Regex ListName();

    [GeneratedRegex(@"(\d+(?:\.\d+)?)(ms|h|m|s)")]
    private static partial Regex ComposeDuration();
}
