<#-- license-maven-plugin template (app/pom.xml, add-third-party): one line per bundled artifact,
     tab-separated: groupId, artifactId, version, licences (SPDX ids after the pom's licenseMerges,
     joined by '|'), name, URL. installers/tools/Copyright.java turns it into debian/copyright and
     the rpm License tag. -->
<#list dependencyMap as e><#assign p = e.getKey()/>${p.groupId}	${p.artifactId}	${p.version}	<#list e.getValue() as l>${l}<#sep>|</#sep></#list>	${(p.name!"")?replace("\t", " ")}	${p.url!""}
</#list>
