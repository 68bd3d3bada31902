package dev.jdbcguard.driver.warnings;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.shop.OrderRepository;
import java.util.List;
import org.junit.jupiter.api.Test;

class AppFramesTest {

    private final AppFrames frames = AppFrames.defaults();

    @Test
    void jdbcPoolsOrmsDriversProxiesAndTheGuardAreNotTheApplication() {
        assertThat(List.of("java.sql.DriverManager", "javax.sql.DataSource", "jdk.proxy2.$Proxy12",
                "com.sun.proxy.$Proxy7", "jdk.internal.reflect.DirectMethodHandleAccessor",
                "com.zaxxer.hikari.pool.ProxyStatement", "org.apache.commons.dbcp2.DelegatingStatement",
                "org.apache.tomcat.jdbc.pool.StatementFacade", "com.mchange.v2.c3p0.impl.NewProxyStatement",
                "org.hibernate.engine.jdbc.internal.ResultSetReturnImpl",
                "org.springframework.jdbc.core.JdbcTemplate", "org.springframework.orm.jpa.SharedEntityManagerCreator",
                "org.springframework.transaction.support.TransactionTemplate", "org.jooq.impl.AbstractQuery",
                "org.mybatis.spring.SqlSessionTemplate", "org.apache.ibatis.executor.SimpleExecutor",
                "org.flywaydb.core.internal.jdbc.JdbcTemplate", "liquibase.executor.jvm.JdbcExecutor",
                "jakarta.persistence.EntityManager", "com.mysql.cj.jdbc.ClientPreparedStatement",
                "org.mariadb.jdbc.ClientPreparedStatement", "dev.jdbcguard.driver.GuardDriver",
                "com.acme.OrderService$$SpringCGLIB$$0", "com.acme.Entity$HibernateProxy$x1y2"))
                .allSatisfy(name -> assertThat(frames.isApplication(name)).as(name).isFalse());
    }

    @Test
    void applicationClassesAreTheApplication() {
        assertThat(List.of("com.acme.OrderRepo", "org.example.shop.Checkout", "io.myteam.Jobs$1", "Main"))
                .allSatisfy(name -> assertThat(frames.isApplication(name)).as(name).isTrue());
    }

    @Test
    void applicationsAddTheirOwnDataLayers() {
        AppFrames extended = frames.alsoSkipping(List.of(" com.acme.db. ", "", "org.example.dao."));

        assertThat(extended.isApplication("com.acme.db.Dao")).isFalse();
        assertThat(extended.isApplication("org.example.dao.Base")).isFalse();
        assertThat(extended.isApplication("com.acme.shop.OrderRepository")).isTrue();
        assertThat(extended.isApplication("org.hibernate.Session")).isFalse();
        assertThat(frames.isApplication("com.acme.db.Dao")).as("the defaults are unchanged").isTrue();
    }

    @Test
    void locatesTheFirstApplicationFrameThroughAFrameworkFrame() {
        String frame = new OrderRepository().purge(frames::locate);

        assertThat(frame).isEqualTo("com.acme.shop.OrderRepository.purge(OrderRepository.java:"
                + OrderRepository.PURGE_CALL_LINE + ")");
    }

    @Test
    void aCachedRepositoryCallPointsAtTheCallerOfTheCacheNotAtTheCache() {
        StackTraceElement[] stack = {
                new StackTraceElement("com.zaxxer.hikari.pool.ProxyPreparedStatement", "executeQuery", "ProxyPreparedStatement.java", 52),
                new StackTraceElement("org.hibernate.sql.exec.internal.JdbcSelectExecutorStandardImpl", "executeQuery", null, -1),
                new StackTraceElement("org.springframework.data.jpa.repository.support.SimpleJpaRepository", "findAll", null, -1),
                new StackTraceElement("org.springframework.cache.interceptor.CacheAspectSupport", "invokeOperation", "CacheAspectSupport.java", 433),
                new StackTraceElement("org.springframework.cache.interceptor.CacheInterceptor", "invoke", "CacheInterceptor.java", 64),
                new StackTraceElement("org.springframework.aop.framework.ReflectiveMethodInvocation", "proceed", null, -1),
                new StackTraceElement("jdk.proxy2.$Proxy131", "findAll", null, -1),
                new StackTraceElement("org.springframework.samples.petclinic.vet.VetController", "showVetList", "VetController.java", 61)};

        assertThat(frames.locate(stack)).isEqualTo("org.springframework.samples.petclinic.vet.VetController.showVetList(VetController.java:61)");
    }

    @Test
    void noFrameWhenEverythingIsSkipped() {
        AppFrames skipAll = frames.alsoSkipping(List.of("org.", "com.", "io."));

        assertThat(skipAll.locate()).as("only JDK, JUnit (org.) and guard test frames are on this stack").isNull();
    }
}
