/**
 * Built-in word lists for `list` domains (`{"kind":"list","list":"names"}`), written by this team.
 * Names come from many languages so that generated worksheets do not all star the same few children.
 * Countable things come in two parallel lists: the plural (`fruits`: "apples") because word problems
 * mostly count them, and the singular (`fruits_singular`: "apple") for "each apple costs …".
 * Names are split by the gender they are usually given so that "she"/"he" in a problem stays right.
 */

const FEMALE_NAMES = [
  'Aisha', 'Amara', 'Ana', 'Anika', 'Aroha', 'Ayumi', 'Beatriz', 'Chiamaka', 'Chloe', 'Clara',
  'Daniela', 'Divya', 'Elena', 'Emma', 'Esperanza', 'Eva', 'Fatima', 'Fiona', 'Freya', 'Gabriela',
  'Grace', 'Hana', 'Hannah', 'Imani', 'Ingrid', 'Isabella', 'Jasmine', 'Julia', 'Kavya', 'Keiko',
  'Laila', 'Lena', 'Lucia', 'Malia', 'Mariam', 'Maya', 'Mei', 'Mia', 'Nadia', 'Naledi',
  'Nia', 'Nkechi', 'Noor', 'Nora', 'Oksana', 'Olivia', 'Paloma', 'Priya', 'Rania', 'Rosa',
  'Sakura', 'Shirin', 'Siobhan', 'Sofia', 'Sunita', 'Tala', 'Tamar', 'Thandiwe', 'Uma', 'Valentina',
  'Wanjiru', 'Ximena', 'Yara', 'Zainab', 'Zara', 'Zoe',
  // Common in English-language textbooks and GSM8K-style datasets, so that their names are recognised.
  'Alice', 'Amy', 'Anna', 'Emily', 'Janet', 'Jenny', 'Julie', 'Kate', 'Linda', 'Lily', 'Lisa', 'Mary',
  'Megan', 'Rachel', 'Ruby', 'Sarah', 'Sophie', 'Susan',
] as const;

const MALE_NAMES = [
  'Aarav', 'Adebayo', 'Ahmed', 'Alejandro', 'Amir', 'Andre', 'Arash', 'Arjun', 'Ben', 'Bongani',
  'Carlos', 'Chidi', 'Daniel', 'David', 'Diego', 'Dmitri', 'Elijah', 'Emeka', 'Ethan', 'Farid',
  'Felipe', 'Gabriel', 'Hamza', 'Hao', 'Hiroshi', 'Ivan', 'Jamal', 'James', 'Javier', 'Jin',
  'Jonas', 'Jose', 'Kaito', 'Kenji', 'Kofi', 'Kwame', 'Lars', 'Leo', 'Liam', 'Luca',
  'Lucas', 'Malik', 'Mateo', 'Minjun', 'Mohammed', 'Musa', 'Nikhil', 'Noah', 'Oliver', 'Omar',
  'Oscar', 'Pablo', 'Rafael', 'Rahul', 'Ravi', 'Samuel', 'Sanjay', 'Santiago', 'Sipho', 'Tariq',
  'Thomas', 'Tomas', 'Viktor', 'Wei', 'Xavier', 'Yosef', 'Yusuf',
  'Brian', 'Eric', 'George', 'Henry', 'Jack', 'Jake', 'Joe', 'John', 'Kevin', 'Mark', 'Michael', 'Paul',
  'Peter', 'Robert', 'Ryan', 'Sean', 'Steve', 'Tim', 'Tom',
] as const;

/** Names commonly given to anyone; drawn for a unisex original when the text's pronouns do not decide. */
const UNISEX_NAMES = [
  'Alex', 'Ariel', 'Avery', 'Casey', 'Charlie', 'Dana', 'Jamie', 'Jordan', 'Kai', 'Morgan',
  'Quinn', 'Riley', 'Robin', 'Rowan', 'Sam', 'Sasha', 'Taylor', 'Tendai', 'Yuki', 'Jesse', 'Kelly', 'Drew',
] as const;

/** [singular, plural] pairs of countable things. */
type Pairs = readonly (readonly [string, string])[];

const ITEMS: Pairs = [
  ['pencil', 'pencils'], ['eraser', 'erasers'], ['notebook', 'notebooks'], ['marker', 'markers'],
  ['crayon', 'crayons'], ['sticker', 'stickers'], ['marble', 'marbles'], ['book', 'books'],
  ['card', 'cards'], ['balloon', 'balloons'], ['button', 'buttons'], ['bead', 'beads'],
  ['stamp', 'stamps'], ['toy car', 'toy cars'], ['shell', 'shells'], ['candle', 'candles'],
  ['cup', 'cups'], ['plate', 'plates'], ['box', 'boxes'], ['bottle', 'bottles'],
  ['bag', 'bags'], ['ribbon', 'ribbons'], ['puzzle', 'puzzles'], ['block', 'blocks'],
  ['kite', 'kites'], ['hat', 'hats'], ['sock', 'socks'], ['shirt', 'shirts'],
  ['pen', 'pens'], ['ruler', 'rulers'], ['folder', 'folders'], ['paper clip', 'paper clips'],
  ['magnet', 'magnets'], ['flower', 'flowers'], ['postcard', 'postcards'], ['lunchbox', 'lunchboxes'],
];

const FRUITS: Pairs = [
  ['apple', 'apples'], ['banana', 'bananas'], ['pear', 'pears'], ['peach', 'peaches'],
  ['plum', 'plums'], ['cherry', 'cherries'], ['grape', 'grapes'], ['mango', 'mangoes'],
  ['lemon', 'lemons'], ['lime', 'limes'], ['kiwi', 'kiwis'], ['apricot', 'apricots'],
  ['strawberry', 'strawberries'], ['blueberry', 'blueberries'], ['raspberry', 'raspberries'],
  ['watermelon', 'watermelons'], ['pineapple', 'pineapples'], ['papaya', 'papayas'], ['fig', 'figs'],
  ['coconut', 'coconuts'], ['guava', 'guavas'], ['lychee', 'lychees'], ['pomegranate', 'pomegranates'],
  ['tangerine', 'tangerines'], ['melon', 'melons'], ['nectarine', 'nectarines'], ['orange', 'oranges'],
];

const VEGETABLES: Pairs = [
  ['carrot', 'carrots'], ['potato', 'potatoes'], ['tomato', 'tomatoes'], ['onion', 'onions'],
  ['cucumber', 'cucumbers'], ['pepper', 'peppers'], ['zucchini', 'zucchinis'], ['eggplant', 'eggplants'],
  ['cabbage', 'cabbages'], ['beet', 'beets'], ['radish', 'radishes'], ['turnip', 'turnips'],
  ['pumpkin', 'pumpkins'], ['leek', 'leeks'], ['artichoke', 'artichokes'], ['yam', 'yams'],
  ['sweet potato', 'sweet potatoes'], ['parsnip', 'parsnips'], ['cauliflower', 'cauliflowers'],
];

const ANIMALS: Pairs = [
  ['cat', 'cats'], ['dog', 'dogs'], ['rabbit', 'rabbits'], ['horse', 'horses'], ['cow', 'cows'],
  ['sheep', 'sheep'], ['goat', 'goats'], ['chicken', 'chickens'], ['duck', 'ducks'], ['goose', 'geese'],
  ['pig', 'pigs'], ['turtle', 'turtles'], ['hamster', 'hamsters'], ['parrot', 'parrots'], ['fish', 'fish'],
  ['frog', 'frogs'], ['lion', 'lions'], ['tiger', 'tigers'], ['elephant', 'elephants'], ['giraffe', 'giraffes'],
  ['zebra', 'zebras'], ['monkey', 'monkeys'], ['penguin', 'penguins'], ['owl', 'owls'], ['bear', 'bears'],
  ['deer', 'deer'], ['fox', 'foxes'], ['wolf', 'wolves'], ['camel', 'camels'], ['kangaroo', 'kangaroos'],
  ['dolphin', 'dolphins'], ['butterfly', 'butterflies'],
];

const FOODS: Pairs = [
  ['cookie', 'cookies'], ['muffin', 'muffins'], ['cupcake', 'cupcakes'], ['sandwich', 'sandwiches'],
  ['pizza', 'pizzas'], ['pie', 'pies'], ['cake', 'cakes'], ['bagel', 'bagels'], ['doughnut', 'doughnuts'],
  ['pancake', 'pancakes'], ['taco', 'tacos'], ['burrito', 'burritos'], ['dumpling', 'dumplings'],
  ['samosa', 'samosas'], ['empanada', 'empanadas'], ['croissant', 'croissants'], ['pretzel', 'pretzels'],
  ['brownie', 'brownies'], ['waffle', 'waffles'], ['burger', 'burgers'], ['spring roll', 'spring rolls'],
  ['cracker', 'crackers'], ['tortilla', 'tortillas'], ['scone', 'scones'], ['bun', 'buns'],
];

const VEHICLES: Pairs = [
  ['car', 'cars'], ['bus', 'buses'], ['bicycle', 'bicycles'], ['truck', 'trucks'], ['van', 'vans'],
  ['train', 'trains'], ['boat', 'boats'], ['motorcycle', 'motorcycles'], ['scooter', 'scooters'],
  ['taxi', 'taxis'], ['tractor', 'tractors'], ['plane', 'planes'], ['ferry', 'ferries'], ['tram', 'trams'],
  ['canoe', 'canoes'], ['helicopter', 'helicopters'],
];

const COLORS = [
  'red', 'blue', 'green', 'yellow', 'purple', 'pink', 'brown', 'black', 'white', 'gray',
  'teal', 'turquoise', 'violet', 'gold', 'silver', 'maroon', 'navy', 'beige', 'lavender', 'orange',
] as const;

const CITIES = [
  'Accra', 'Amsterdam', 'Athens', 'Auckland', 'Bangkok', 'Barcelona', 'Berlin', 'Bogota', 'Buenos Aires',
  'Cairo', 'Cape Town', 'Chicago', 'Delhi', 'Dubai', 'Dublin', 'Hanoi', 'Havana', 'Helsinki', 'Istanbul',
  'Jakarta', 'Johannesburg', 'Karachi', 'Kyoto', 'Lagos', 'Lima', 'Lisbon', 'London', 'Madrid', 'Manila',
  'Melbourne', 'Mexico City', 'Montreal', 'Mumbai', 'Nairobi', 'Oslo', 'Paris', 'Prague', 'Rome', 'Seoul',
  'Shanghai', 'Singapore', 'Stockholm', 'Sydney', 'Tokyo', 'Toronto', 'Vancouver', 'Vienna', 'Warsaw',
] as const;

const SPORTS = [
  'soccer', 'basketball', 'tennis', 'baseball', 'cricket', 'volleyball', 'hockey', 'swimming', 'badminton',
  'rugby', 'table tennis', 'golf', 'cycling', 'running', 'gymnastics', 'karate', 'judo', 'skiing', 'rowing',
  'handball',
] as const;

/** Kinds of shop rather than brands, so nothing here is anyone's trademark. */
const STORES = [
  'bakery', 'bookstore', 'toy store', 'grocery store', 'flower shop', 'pet store', 'hardware store',
  'shoe store', 'candy shop', "farmers' market", 'music store', 'sports shop', 'stationery store',
  'clothing store', 'bike shop', 'coffee shop', 'ice cream shop', 'garden center',
] as const;

const SCHOOL_SUBJECTS = [
  'math', 'science', 'history', 'geography', 'art', 'music', 'English', 'Spanish', 'French', 'biology',
  'chemistry', 'physics', 'reading', 'writing', 'computer science', 'physical education', 'economics',
] as const;

const CURRENCY_SYMBOLS = ['$', '€', '£', '¥', '₹'] as const;

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
  'November', 'December',
] as const;

const plurals = (pairs: Pairs): readonly string[] => Object.freeze(pairs.map((p) => p[1]));
const singulars = (pairs: Pairs): readonly string[] => Object.freeze(pairs.map((p) => p[0]));

/** Every built-in list by its canonical name. */
export const WORD_LISTS: Readonly<Record<string, readonly string[]>> = Object.freeze({
  names: Object.freeze([...FEMALE_NAMES, ...MALE_NAMES, ...UNISEX_NAMES]),
  female_names: Object.freeze([...FEMALE_NAMES]),
  male_names: Object.freeze([...MALE_NAMES]),
  unisex_names: Object.freeze([...UNISEX_NAMES]),
  items: plurals(ITEMS),
  items_singular: singulars(ITEMS),
  fruits: plurals(FRUITS),
  fruits_singular: singulars(FRUITS),
  vegetables: plurals(VEGETABLES),
  vegetables_singular: singulars(VEGETABLES),
  animals: plurals(ANIMALS),
  animals_singular: singulars(ANIMALS),
  foods: plurals(FOODS),
  foods_singular: singulars(FOODS),
  vehicles: plurals(VEHICLES),
  vehicles_singular: singulars(VEHICLES),
  colors: Object.freeze([...COLORS]),
  cities: Object.freeze([...CITIES]),
  sports: Object.freeze([...SPORTS]),
  stores: Object.freeze([...STORES]),
  school_subjects: Object.freeze([...SCHOOL_SUBJECTS]),
  currencies_sym: Object.freeze([...CURRENCY_SYMBOLS]),
  weekdays: Object.freeze([...WEEKDAYS]),
  months: Object.freeze([...MONTHS]),
});

/** Other spellings people write in `list` domains, mapped to the canonical list name. */
const ALIASES: Readonly<Record<string, string>> = Object.freeze({
  name: 'names',
  first_names: 'names',
  female_name: 'female_names',
  girls: 'female_names',
  male_name: 'male_names',
  boys: 'male_names',
  unisex_name: 'unisex_names',
  item: 'items',
  fruit: 'fruits',
  vegetable: 'vegetables',
  animal: 'animals',
  food: 'foods',
  vehicle: 'vehicles',
  color: 'colors',
  colour: 'colors',
  colours: 'colors',
  city: 'cities',
  sport: 'sports',
  store: 'stores',
  shop: 'stores',
  shops: 'stores',
  school_subject: 'school_subjects',
  subject: 'school_subjects',
  subjects: 'school_subjects',
  currency_sym: 'currencies_sym',
  currency_symbol: 'currencies_sym',
  currency_symbols: 'currencies_sym',
  weekday: 'weekdays',
  day_of_week: 'weekdays',
  days_of_week: 'weekdays',
  month: 'months',
});

/** The canonical list name for `name` (case-insensitive, aliases allowed), or undefined. */
export function canonicalListName(name: string): string | undefined {
  const key = name.trim().toLowerCase();
  if (Object.hasOwn(WORD_LISTS, key)) return key;
  return Object.hasOwn(ALIASES, key) ? ALIASES[key] : undefined;
}

/** The list called `name` (canonical or alias, case-insensitive), or undefined if there is none. */
export function getWordList(name: string): readonly string[] | undefined {
  const canonical = canonicalListName(name);
  return canonical === undefined ? undefined : WORD_LISTS[canonical];
}
