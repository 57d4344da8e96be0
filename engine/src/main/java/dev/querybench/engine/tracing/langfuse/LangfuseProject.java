package dev.querybench.engine.tracing.langfuse;

/**
 * A project the keys give access to.
 *
 * @param id project id
 * @param name project name
 * @param organizationId id of its organization
 * @param organizationName name of its organization
 */
public record LangfuseProject(String id, String name, String organizationId, String organizationName) {
}
