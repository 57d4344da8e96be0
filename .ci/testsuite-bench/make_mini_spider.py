#!/usr/bin/env python3
"""Writes a small dataset in Spider's format (dev.json, database/<db>/<db>.sqlite) for the test-suite
benchmark: two databases shaped like Spider's concert_singer and pets_1, with made-up rows drawn from a
fixed seed, and Spider-style questions with gold SQL. usage: make_mini_spider.py OUT_FOLDER"""
import json
import os
import random
import sqlite3
import sys

out = sys.argv[1]
rnd = random.Random(7)

CONCERT = """
CREATE TABLE stadium (stadium_id INT PRIMARY KEY, location TEXT NOT NULL, name TEXT NOT NULL,
  capacity INT NOT NULL, highest INT, lowest INT, average INT);
CREATE TABLE singer (singer_id INT PRIMARY KEY, name TEXT NOT NULL, country TEXT NOT NULL, song_name TEXT,
  song_release_year TEXT, age INT NOT NULL, is_male BOOL NOT NULL);
CREATE TABLE concert (concert_id INT PRIMARY KEY, concert_name TEXT NOT NULL, theme TEXT, stadium_id INT NOT NULL,
  year TEXT NOT NULL, FOREIGN KEY (stadium_id) REFERENCES stadium (stadium_id));
CREATE TABLE singer_in_concert (concert_id INT NOT NULL, singer_id INT NOT NULL, PRIMARY KEY (concert_id, singer_id),
  FOREIGN KEY (concert_id) REFERENCES concert (concert_id), FOREIGN KEY (singer_id) REFERENCES singer (singer_id));
"""
PETS = """
CREATE TABLE student (stuid INTEGER PRIMARY KEY, lname VARCHAR(12) NOT NULL, fname VARCHAR(12) NOT NULL,
  age INTEGER NOT NULL, sex VARCHAR(1) NOT NULL, major INTEGER NOT NULL, advisor INTEGER, city_code VARCHAR(3));
CREATE TABLE pets (petid INTEGER PRIMARY KEY, pettype VARCHAR(20) NOT NULL, pet_age INTEGER NOT NULL,
  weight REAL NOT NULL);
CREATE TABLE has_pet (stuid INTEGER NOT NULL, petid INTEGER NOT NULL, PRIMARY KEY (stuid, petid),
  FOREIGN KEY (petid) REFERENCES pets (petid), FOREIGN KEY (stuid) REFERENCES student (stuid));
"""

def build(db, ddl, fill):
    folder = os.path.join(out, "database", db)
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, db + ".sqlite")
    if os.path.exists(path):
        os.remove(path)
    con = sqlite3.connect(path)
    con.executescript(ddl)
    fill(con)
    con.commit()
    con.close()

def concert(con):
    places = ["Raith Rovers", "Ayr United", "East Fife", "Queen's Park", "Stirling Albion", "Arbroath", "Alloa Athletic"]
    for i, p in enumerate(places, 1):
        cap = rnd.choice([3100, 4125, 10104, 11998, 2000, 3808, 52500])
        con.execute("INSERT INTO stadium VALUES (?,?,?,?,?,?,?)", (i, p, p + " Park", cap, cap // 2, 300, cap // 4))
    countries = ["Netherlands", "United States", "France", "France", "United States", "Netherlands"]
    songs = ["You", "Sun", "Love", "Hey Oh", "Gentleman", "Hey", "Dancing"]
    for i in range(1, 13):
        con.execute("INSERT INTO singer VALUES (?,?,?,?,?,?,?)", (i, "Singer %d" % i, rnd.choice(countries),
                    rnd.choice(songs), str(rnd.choice([2003, 2008, 2013, 2014, 2016])), rnd.randint(21, 52),
                    rnd.choice(["T", "F"])))
    for i in range(1, 11):
        con.execute("INSERT INTO concert VALUES (?,?,?,?,?)", (i, "Concert %d" % i, rnd.choice(["Free choice", "Party",
                    "Wide Awake", None]), rnd.randint(1, 6), str(rnd.choice([2014, 2015]))))
    pairs = set()
    while len(pairs) < 18:
        pairs.add((rnd.randint(1, 10), rnd.randint(1, 12)))
    con.executemany("INSERT INTO singer_in_concert VALUES (?,?)", sorted(pairs))

def pets(con):
    first = ["Linda", "Tracy", "Shiela", "Dinesh", "Paul", "Andy", "Lisa", "Jandy", "Eric", "Derek", "David", "Steven"]
    for i in range(1001, 1031):
        con.execute("INSERT INTO student VALUES (?,?,?,?,?,?,?,?)", (i, "Last%d" % i, rnd.choice(first),
                    rnd.randint(16, 27), rnd.choice(["F", "M"]), rnd.choice([600, 520, 540, 550, 50]),
                    rnd.choice([1121, 7712, 8722, None]), rnd.choice(["BAL", "HKG", "WAS", "PIT"])))
    for i in range(2001, 2013):
        con.execute("INSERT INTO pets VALUES (?,?,?,?)", (i, rnd.choice(["cat", "dog", "dog"]), rnd.randint(1, 6),
                    round(rnd.uniform(5, 15), 1)))
    pairs = set()
    while len(pairs) < 10:
        pairs.add((rnd.randint(1001, 1030), rnd.randint(2001, 2012)))
    con.executemany("INSERT INTO has_pet VALUES (?,?)", sorted(pairs))

build("concert_singer", CONCERT, concert)
build("pets_1", PETS, pets)

Q = [
 ("concert_singer", "How many singers do we have?", "SELECT count(*) FROM singer"),
 ("concert_singer", "Show name, country, age for all singers ordered by age from the oldest to the youngest.",
  "SELECT name, country, age FROM singer ORDER BY age DESC"),
 ("concert_singer", "What is the average, minimum, and maximum age of all singers from France?",
  "SELECT avg(age), min(age), max(age) FROM singer WHERE country = 'France'"),
 ("concert_singer", "Show the name and the release year of the song by the youngest singer.",
  "SELECT song_name, song_release_year FROM singer ORDER BY age LIMIT 1"),
 ("concert_singer", "What are all distinct countries where singers above age 20 are from?",
  "SELECT DISTINCT country FROM singer WHERE age > 20"),
 ("concert_singer", "Show all countries and the number of singers in each country.",
  "SELECT country, count(*) FROM singer GROUP BY country"),
 ("concert_singer", "List all song names by singers above the average age.",
  "SELECT song_name FROM singer WHERE age > (SELECT avg(age) FROM singer)"),
 ("concert_singer", "Show location and name for all stadiums with a capacity between 5000 and 10000.",
  "SELECT location, name FROM stadium WHERE capacity BETWEEN 5000 AND 10000"),
 ("concert_singer", "What is the maximum capacity and the average of all stadiums?",
  "SELECT max(capacity), average FROM stadium"),
 ("concert_singer", "Show the stadium name and the number of concerts in each stadium.",
  "SELECT T2.name, count(*) FROM concert AS T1 JOIN stadium AS T2 ON T1.stadium_id = T2.stadium_id GROUP BY T1.stadium_id"),
 ("concert_singer", "Show the stadium name and capacity with most number of concerts in year 2014 or after.",
  "SELECT T2.name, T2.capacity FROM concert AS T1 JOIN stadium AS T2 ON T1.stadium_id = T2.stadium_id WHERE T1.year >= 2014 GROUP BY T2.stadium_id ORDER BY count(*) DESC LIMIT 1"),
 ("concert_singer", "Which year has most number of concerts?",
  "SELECT year FROM concert GROUP BY year ORDER BY count(*) DESC LIMIT 1"),
 ("concert_singer", "Show the stadium names without any concert.",
  "SELECT name FROM stadium WHERE stadium_id NOT IN (SELECT stadium_id FROM concert)"),
 ("concert_singer", "Show countries where a singer above age 40 and a singer below 30 are from.",
  "SELECT country FROM singer WHERE age > 40 INTERSECT SELECT country FROM singer WHERE age < 30"),
 ("concert_singer", "List the names of singers who performed in a concert in 2014.",
  "SELECT T2.name FROM singer_in_concert AS T1 JOIN singer AS T2 ON T1.singer_id = T2.singer_id JOIN concert AS T3 ON T1.concert_id = T3.concert_id WHERE T3.year = 2014"),
 ("concert_singer", "What is the name and nation of the singer who have a song having 'Hey' in its name?",
  "SELECT name, country FROM singer WHERE song_name LIKE '%Hey%'"),
 ("concert_singer", "How many concerts are there in year 2014 or 2015?",
  "SELECT count(*) FROM concert WHERE year = 2014 OR year = 2015"),
 ("pets_1", "Find the number of students who do not have any pet.",
  "SELECT count(*) FROM student WHERE stuid NOT IN (SELECT stuid FROM has_pet)"),
 ("pets_1", "Find the average and maximum age for each type of pet.",
  "SELECT avg(pet_age), max(pet_age), pettype FROM pets GROUP BY pettype"),
 ("pets_1", "Find the number of pets whose weight is heavier than 10.", "SELECT count(*) FROM pets WHERE weight > 10"),
 ("pets_1", "Find the weight of the youngest dog.",
  "SELECT weight FROM pets ORDER BY pet_age LIMIT 1"),
 ("pets_1", "Find the maximum weight for each type of pet. List the maximum weight and pet type.",
  "SELECT max(weight), petType FROM pets GROUP BY petType"),
 ("pets_1", "Find number of pets owned by students who are older than 20.",
  "SELECT count(*) FROM student AS T1 JOIN has_pet AS T2 ON T1.stuid = T2.stuid WHERE T1.age > 20"),
 ("pets_1", "Find the first name and age of students who have a pet.",
  "SELECT DISTINCT T1.fname, T1.age FROM student AS T1 JOIN has_pet AS T2 ON T1.stuid = T2.stuid"),
 ("pets_1", "Find the first name of students who have a dog but not a cat.",
  "SELECT T1.fname FROM student AS T1 JOIN has_pet AS T2 ON T1.stuid = T2.stuid JOIN pets AS T3 ON T3.petid = T2.petid WHERE T3.pettype = 'dog' AND T1.stuid NOT IN (SELECT T1.stuid FROM student AS T1 JOIN has_pet AS T2 ON T1.stuid = T2.stuid JOIN pets AS T3 ON T3.petid = T2.petid WHERE T3.pettype = 'cat')"),
 ("pets_1", "Find the average age of students of each major with at least two students.",
  "SELECT major, avg(age) FROM student GROUP BY major HAVING count(*) >= 2"),
 ("pets_1", "How many different types of pet are there?", "SELECT count(DISTINCT pettype) FROM pets"),
 ("pets_1", "Find the first names of female students younger than 20, in alphabetical order.",
  "SELECT fname FROM student WHERE sex = 'F' AND age < 20 ORDER BY fname"),
]
with open(os.path.join(out, "dev.json"), "w") as f:
    json.dump([{"db_id": d, "question": q, "query": s} for d, q, s in Q], f, indent=1)
