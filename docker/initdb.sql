-- Creates the four service databases on the first start of PostgreSQL.
CREATE DATABASE personnel;
CREATE DATABASE cases;
CREATE DATABASE review;
CREATE DATABASE publicity;
