using k8s;

/// <summary>Every kustomization renders offline, and what it renders fits the Kubernetes API's schemas, checked two ways.</summary>
public sealed class ManifestSchemaTests
{
    public static TheoryData<string> Kustomizations => [.. Manifests.Kustomizations];

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public void Renders_and_every_object_reads_strictly_and_passes_the_api_models(string kustomization)
    {
        var yaml = Manifests.Render(kustomization);

        var objects = Manifests.Read(yaml);
        var (exitCode, report) = Manifests.CheckModels(yaml);

        Assert.NotEmpty(objects);
        Assert.All(objects, o => Assert.IsAssignableFrom<IKubernetesObject>(o));
        Assert.True(exitCode == 0, report);
        Assert.Equal(objects.Count, report.Split('\n').Count(l => l.StartsWith("ok ", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_misspelled_field_fails_the_strict_read()
    {
        var yaml = Manifests.Render("overlays/gpu").Replace("terminationGracePeriodSeconds:", "terminationGracePeriodSecond:", StringComparison.Ordinal);

        var error = Assert.ThrowsAny<Exception>(() => Manifests.Read(yaml));

        Assert.Contains("terminationGracePeriodSecond", error.Message + error.InnerException?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_string_where_an_integer_belongs_fails_the_api_models()
    {
        var yaml = Manifests.Render("overlays/cpu").Replace("containerPort: 30000", "containerPort: \"30000\"", StringComparison.Ordinal);

        var (exitCode, report) = Manifests.CheckModels(yaml);

        Assert.Equal(1, exitCode);
        Assert.Contains("invalid Deployment sweep-silo: data/spec/template/spec/containers/0/ports/1/containerPort must be integer", report, StringComparison.Ordinal);
    }

    [Fact]
    public void A_word_where_an_integer_belongs_fails_both_checks()
    {
        var yaml = Manifests.Render("overlays/cpu").Replace("replicas: 2", "replicas: two", StringComparison.Ordinal);

        Assert.ThrowsAny<Exception>(() => Manifests.Read(yaml));
        Assert.Equal(1, Manifests.CheckModels(yaml).exitCode);
    }

    [Fact]
    public void A_missing_required_field_fails_the_api_models()
    {
        // A container without its name: the API requires one.
        var yaml = Manifests.Render("submit").Replace("name: submit\n", "\n", StringComparison.Ordinal);

        var (exitCode, report) = Manifests.CheckModels(yaml);

        Assert.Equal(1, exitCode);
        Assert.Contains("invalid Job sweep-submit: data/spec/template/spec/containers/0 must have required property name", report, StringComparison.Ordinal);
    }
}
